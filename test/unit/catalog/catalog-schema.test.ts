/**
 * The built-in catalog is data reviewed by this test: every entry names two Hugging Face files
 * that form a pair, says honestly how it was confirmed, and the schema refuses malformed data.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogFileName, type CatalogEntry } from '../../../native-models/catalog/catalog-entry';
import { CatalogError, builtInCatalog, loadCatalog, parseCatalog } from '../../../native-models/catalog/load-catalog';
import { DECODER_ARCHITECTURES } from '../../../native-models/gguf/known-architectures';

const HF_FILE = /^https:\/\/huggingface\.co\/[\w.-]+\/[\w.-]+\/resolve\/[\w.-]+\/[\w.-]+\.gguf$/;
const entries = builtInCatalog().entries;
const clone = (): CatalogEntry => structuredClone(entries[0] as CatalogEntry);
const catalogWith = (...items: unknown[]) => ({ version: 1, notes: [], entries: items });

describe('the built-in model catalog', () => {
  it('has decoder + projector pairs from the families the design names', () => {
    const families = new Set(entries.map((entry) => entry.family));
    for (const family of ['internlm2', 'internvl', 'qwen2.5-vl', 'gemma3', 'smolvlm']) expect(families).toContain(family);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
  });

  for (const entry of entries) {
    describe(entry.id, () => {
      it('names a decoder and its projector in the same Hugging Face repository', () => {
        expect(entry.decoder.url).toMatch(HF_FILE);
        expect(entry.projector.url).toMatch(HF_FILE);
        const repo = (url: string) => new URL(url).pathname.split('/').slice(1, 3).join('/');
        expect(repo(entry.projector.url)).toBe(repo(entry.decoder.url));
        expect(catalogFileName(entry.projector)).toMatch(/mmproj/i);
        expect(catalogFileName(entry.decoder)).not.toMatch(/mmproj/i);
      });

      it('says how it was confirmed, and claims no exact size or checksum it could not check', () => {
        if (entry.verified) {
          expect(entry.decoder.sha256 && entry.projector.sha256 && entry.decoder.bytes && entry.projector.bytes).toBeTruthy();
        } else {
          expect(entry.verification).toMatch(/^Not confirmed from this machine/);
          expect([entry.decoder.sha256, entry.projector.sha256, entry.decoder.bytes, entry.projector.bytes]).toEqual([
            undefined,
            undefined,
            undefined,
            undefined,
          ]);
        }
      });

      it('has sizes and a shape plausible for a GGUF pair', () => {
        expect(entry.decoder.approxBytes).toBeGreaterThan(100e6);
        expect(entry.projector.approxBytes).toBeGreaterThan(20e6);
        expect(entry.decoder.shape.headDim * entry.decoder.shape.headCount).toBeGreaterThanOrEqual(entry.decoder.shape.embeddingLength / 2);
        expect(entry.contextLength).toBeGreaterThanOrEqual(4096);
      });
    });
  }

  it('carries the Partial LoRA caveat on every InternLM2-family entry', () => {
    const internlm2 = entries.filter((entry) => entry.family === 'internlm2');
    expect(internlm2.length).toBeGreaterThan(0);
    for (const entry of internlm2) expect(entry.notes.join(' ')).toMatch(/Partial LoRA/);
    expect(builtInCatalog().notes.join(' ')).toMatch(/XComposer2.*Partial LoRA/);
    expect(DECODER_ARCHITECTURES.has('internlm2')).toBe(true);
  });
});

describe('the catalog schema', () => {
  it('accepts a well-formed entry', () => {
    expect(parseCatalog(catalogWith(clone())).entries).toHaveLength(1);
  });

  const broken: Array<[string, (entry: CatalogEntry & Record<string, unknown>) => void, RegExp]> = [
    ['a missing projector', (entry) => delete (entry as Partial<CatalogEntry>).projector, /must have required property 'projector'/],
    [
      'a URL that is not a GGUF file',
      (entry) => void (entry.decoder.url = 'https://huggingface.co/x/y/resolve/main/README.md'),
      /decoder\/url must match pattern/,
    ],
    ['a checksum that is not sha256 hex', (entry) => void (entry.decoder.sha256 = 'abc'), /decoder\/sha256 must match pattern/],
    ['"verified" without exact sizes and checksums', (entry) => void (entry.verified = true), /must have required property 'bytes'/],
    ['an unknown field', (entry) => void (entry.mirror = 'x'), /must NOT have additional properties/],
    ['a zero size', (entry) => void (entry.projector.approxBytes = 0), /projector\/approxBytes must be >= 1/],
    ['an id with spaces', (entry) => void (entry.id = 'my model'), /id must match pattern/],
  ];
  for (const [name, breakIt, message] of broken) {
    it(`refuses ${name}`, () => {
      const entry = clone() as CatalogEntry & Record<string, unknown>;
      breakIt(entry);
      expect(() => parseCatalog(catalogWith(entry))).toThrow(message);
    });
  }

  it('refuses an id listed twice', () => {
    expect(() => parseCatalog(catalogWith(clone(), clone()))).toThrow(/twice/);
  });

  it('loads a catalog file, and says which file is not valid JSON', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-catalog-'));
    const good = path.join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(catalogWith(clone())));
    expect((await loadCatalog(good)).entries[0]?.id).toBe(entries[0]?.id);
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    await expect(loadCatalog(bad)).rejects.toThrow(CatalogError);
    await expect(loadCatalog(bad)).rejects.toThrow(/not valid JSON: .*bad\.json/);
    await expect(loadCatalog(path.join(dir, 'missing.json'))).rejects.toThrow(/could not be read.*ENOENT/);
  });
});
