/**
 * "Use files I have" and the first-run state, on the generated tiny models.
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDemoPair, firstRunState } from '../../../native-models/download/first-run-state';
import { builtInCatalog, parseCatalog } from '../../../native-models/catalog/load-catalog';
import { checkLocalModel } from '../../../native-models/catalog/local-model';
import { entryPaths } from '../../../native-models/catalog/models-folder';
import { TINY_DECODER, TINY_PROJECTOR, fixture } from '../../helpers/fixture-paths';

const GB = 1024 ** 3;
const roomy = { freeRamBytes: 8 * GB, totalRamBytes: 16 * GB };

describe('checkLocalModel', () => {
  it('describes a valid pair the way the setup screen shows it', async () => {
    const check = await checkLocalModel({ decoder: TINY_DECODER, projector: TINY_PROJECTOR }, { memory: roomy });
    if (!check.ok) throw new Error(check.error.message);
    expect(check.model).toMatchObject({
      architecture: 'internlm2',
      seesImages: true,
      fitsThisComputer: true,
      decoder: { fileName: 'tiny-internlm2.gguf', bytes: 505824 },
      projector: { fileName: 'tiny-internvl-mmproj.gguf', projectorType: 'internvl' },
    });
    expect(check.model.quantization).toMatch(/\S/);
    expect(check.model.fit.summary).toMatch(/^Needs about/);
  });

  it('returns the typed error for a bad file or a projector of another model', async () => {
    expect(await checkLocalModel({ decoder: fixture('not-gguf.gguf') })).toMatchObject({ ok: false, error: { code: 'not-gguf' } });
    expect(await checkLocalModel({ decoder: TINY_DECODER, projector: fixture('mismatched-mmproj.gguf') })).toMatchObject({
      ok: false,
      error: { code: 'projector-mismatch' },
    });
    expect(await checkLocalModel({ decoder: TINY_PROJECTOR })).toMatchObject({ ok: false, error: { code: 'not-a-decoder' } });
  });

  it('warns (does not refuse) when the model is too big for the memory', async () => {
    const check = await checkLocalModel({ decoder: TINY_DECODER }, { memory: { freeRamBytes: 1024, totalRamBytes: 2048 } });
    expect(check).toMatchObject({ ok: true, model: { fitsThisComputer: false, seesImages: false } });
  });
});

describe('firstRunState', () => {
  const machine = { ...roomy, backend: 'cpu' as const };

  it('with no model configured: the recommendation, the demo pair, nothing downloaded', async () => {
    const modelsDir = mkdtempSync(path.join(os.tmpdir(), 'folio-first-run-'));
    const state = await firstRunState({ catalog: builtInCatalog(), modelsDir, machine });
    expect(state.modelConfigured).toBe(false);
    expect(state.recommendation.recommended?.entry.id).toBeDefined();
    expect(state.demo).toMatchObject({ ...defaultDemoPair(), available: true });
    expect(state.demo.label).toMatch(/nonsense/);
    expect(state.demo.decoder).toBe(TINY_DECODER);
    expect(Object.values(state.downloads).every((download) => download.state === 'absent')).toBe(true);
  });

  it('sees a configured model, a broken configured model, and downloaded entries', async () => {
    const modelsDir = mkdtempSync(path.join(os.tmpdir(), 'folio-first-run-'));
    const entry = { ...structuredClone(builtInCatalog().entries[0]!), id: 'tiny' };
    const catalog = parseCatalog({ version: 1, notes: [], entries: [entry] });
    const paths = entryPaths(modelsDir, entry);
    mkdirSync(path.dirname(paths.decoder), { recursive: true });
    copyFileSync(TINY_DECODER, paths.decoder);
    copyFileSync(TINY_PROJECTOR, paths.projector);

    const configured = await firstRunState({
      catalog,
      modelsDir,
      machine,
      configuredModel: { decoder: paths.decoder, projector: paths.projector },
    });
    expect(configured.modelConfigured).toBe(true);
    expect(configured.downloads.tiny?.state).toBe('downloaded');

    const broken = await firstRunState({ catalog, modelsDir, machine, configuredModel: { decoder: fixture('truncated-header.gguf') } });
    expect(broken.modelConfigured).toBe(false);
    expect(broken.configured).toMatchObject({ ok: false, error: { code: 'file-truncated' } });
  });
});
