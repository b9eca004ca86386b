/**
 * The recommendation for a given computer (memory numbers injected): the best entry that
 * fits, and for each one that does not, the reason in the words the setup screen shows.
 */
import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../../native-models/catalog/catalog-entry';
import { builtInCatalog } from '../../../native-models/catalog/load-catalog';
import type { MachineResources } from '../../../native-models/catalog/machine-resources';
import { parseNvidiaFree } from '../../../native-models/catalog/machine-resources';
import { recommendModel } from '../../../native-models/catalog/recommend-model';
import { formatBytes } from '../../../native-models/format/format-bytes';

const GB = 1024 ** 3;
const entries = builtInCatalog().entries;
const cpu = (freeGb: number, totalGb = 16): MachineResources => ({
  freeRamBytes: freeGb * GB,
  totalRamBytes: totalGb * GB,
  backend: 'cpu',
});
const byId = (id: string) => entries.find((entry) => entry.id === id) as CatalogEntry;

describe('recommendModel', () => {
  it('recommends the highest-ranked entry on a large computer', () => {
    const { recommended, entries: fits } = recommendModel(entries, cpu(60, 64));
    expect(recommended?.entry.id).toBe('qwen2.5-vl-7b-q4_k_m');
    expect(fits.every((fit) => fit.fits)).toBe(true);
    expect(fits.map((fit) => fit.entry.rank)).toEqual([...fits.map((fit) => fit.entry.rank)].sort((a, b) => b - a));
  });

  it('recommends a smaller entry on a small computer and says why the bigger ones do not fit', () => {
    const { recommended, entries: fits } = recommendModel(entries, cpu(3, 16));
    expect(recommended).toBeDefined();
    expect(recommended?.estimate.ramBytes).toBeLessThanOrEqual(3 * GB);
    const big = fits.find((fit) => fit.entry.id === 'gemma-3-12b-it-q4_k_m');
    expect(big?.fits).toBe(false);
    expect(big?.reason).toBe(`needs about ${formatBytes(big?.estimate.ramBytes ?? 0)} of memory; this computer has 3.0 GB free`);
    expect(big?.reason).toMatch(/^needs about \d+(\.\d)? GB of memory; this computer has 3\.0 GB free$/);
    for (const fit of fits) expect(fit.fits).toBe(fit.estimate.ramBytes <= 3 * GB);
    // Nothing ranked above the recommendation fits.
    const better = fits.filter((fit) => fit.entry.rank > (recommended?.entry.rank ?? 0));
    expect(better.every((fit) => !fit.fits)).toBe(true);
  });

  it('recommends nothing when nothing fits, and names the total when memory is short in all', () => {
    const { recommended, entries: fits } = recommendModel(entries, cpu(0.2, 0.5));
    expect(recommended).toBeUndefined();
    expect(fits.every((fit) => /this computer has 512 MB in all$/.test(fit.reason ?? ''))).toBe(true);
  });

  it('puts a model on the graphics card when it fits there, and falls back to the processor when not', () => {
    const entry = byId('qwen2.5-vl-7b-q4_k_m');
    const onGpu = recommendModel([entry], { freeRamBytes: 2 * GB, totalRamBytes: 16 * GB, backend: 'cuda', vramFreeBytes: 12 * GB });
    expect(onGpu.recommended?.runsOn).toBe('gpu');
    expect(onGpu.recommended?.estimate.vramBytes).toBeGreaterThan(4 * GB);

    const smallCard = recommendModel([entry], { freeRamBytes: 12 * GB, totalRamBytes: 16 * GB, backend: 'cuda', vramFreeBytes: 2 * GB });
    expect(smallCard.recommended?.runsOn).toBe('cpu');
    const neither = recommendModel([entry], { freeRamBytes: 2 * GB, totalRamBytes: 16 * GB, backend: 'cuda', vramFreeBytes: 2 * GB });
    expect(neither.recommended).toBeUndefined();
    expect(neither.entries[0]?.reason).toMatch(/this computer has 2\.0 GB free/);
  });

  it('counts disk space for entries not yet downloaded', () => {
    const entry = byId('smolvlm-500m-q8_0');
    const machine = { ...cpu(8), diskFreeBytes: 100 * 1024 ** 2 };
    expect(recommendModel([entry], machine).entries[0]?.reason).toBe('needs 516 MB of disk space to download; 100 MB is free');
    expect(recommendModel([entry], machine, { downloadedIds: new Set([entry.id]) }).recommended?.entry.id).toBe(entry.id);
  });

  it('a longer context needs more memory', () => {
    const entry = byId('gemma-3-4b-it-q4_k_m');
    const short = recommendModel([entry], cpu(8), { contextSize: 2048 }).entries[0];
    const long = recommendModel([entry], cpu(8), { contextSize: 32768 }).entries[0];
    expect((long?.estimate.kvCacheBytes ?? 0) / (short?.estimate.kvCacheBytes ?? 1)).toBe(16);
  });

  it("counts llama-server's cache of earlier prompts, as the load's fit check does", () => {
    const entry = byId('gemma-3-4b-it-q4_k_m');
    const counted = recommendModel([entry], cpu(64)).entries[0]?.estimate;
    const without = recommendModel([entry], cpu(64), { promptCache: false }).entries[0]?.estimate;
    expect(counted?.promptCacheBytes).toBe(counted?.kvCacheBytes);
    expect((counted?.ramBytes ?? 0) - (without?.ramBytes ?? 0)).toBe(counted?.kvCacheBytes);
    // Free memory between the two: enough without the cache, not with it.
    const between = ((counted?.ramBytes ?? 0) + (without?.ramBytes ?? 0)) / 2 / GB;
    expect(recommendModel([entry], cpu(between)).recommended).toBeUndefined();
    expect(recommendModel([entry], cpu(between), { promptCache: false }).recommended?.entry.id).toBe(entry.id);
  });
});

describe('parseNvidiaFree', () => {
  it('reads the largest card from nvidia-smi output in MiB', () => {
    expect(parseNvidiaFree('2048\n11264\n')).toEqual({ freeBytes: 11264 * 1024 * 1024 });
    expect(parseNvidiaFree('')).toBeUndefined();
    expect(parseNvidiaFree('[N/A]\n')).toBeUndefined();
  });
});
