import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../native-models/format/format-bytes';
import { estimateFit, type FitRequest } from '../../../native-models/gguf/fit-estimate';
import { promptCacheMiB } from '../../../native-models/engines/llama-server/prompt-cache-size';
import { parseMemAvailable, readSystemMemory } from '../../../native-models/gguf/system-memory';

const GiB = 1024 ** 3;

/** InternLM2-1.8B at Q8_0 and InternViT-300M at F16, as the benchmark fixtures are shaped. */
const internlm2: FitRequest['decoder'] = {
  weightsBytes: 2.0 * GiB,
  blockCount: 24,
  headCount: 16,
  headCountKv: 8,
  headDim: 128,
  embeddingLength: 2048,
  vocabSize: 92544,
  feedForwardLength: 8192,
};
const internvit: NonNullable<FitRequest['projector']> = {
  weightsBytes: 0.6 * GiB,
  imageSize: 448,
  patchSize: 14,
  embeddingLength: 1024,
  headCount: 16,
};

describe('estimateFit', () => {
  it('sizes the KV cache as 2 x layers x context x kv heads x head dim x 2 bytes', () => {
    const fit = estimateFit({ decoder: internlm2, contextSize: 4096 }, { freeRamBytes: 16 * GiB, totalRamBytes: 32 * GiB });
    expect(fit.kvCacheBytes).toBe(2 * 24 * 4096 * 8 * 128 * 2); // 384 MiB
    expect(fit.weightsBytes).toBe(2.0 * GiB);
    expect(fit.projectorBytes).toBe(0);
    // A compute buffer of a few hundred MB, as llama.cpp reports for this shape.
    expect(fit.computeBufferBytes).toBeGreaterThan(100 * 1024 ** 2);
    expect(fit.computeBufferBytes).toBeLessThan(1 * GiB);
    expect(fit.totalBytes).toBe(fit.weightsBytes + fit.kvCacheBytes + fit.computeBufferBytes);
    expect(fit.fitsInRam).toBe(true);
    expect(fit.clearlyTooBig).toBe(false);
    expect(fit.summary).toMatch(
      /^Needs about 2\.\d GB of memory \(model 2\.0 GB, conversation memory 384 MB, working memory \d+ MB\); 16 GB is free\.$/,
    );
  });

  it('grows the cache linearly with the context', () => {
    const memory = { freeRamBytes: 16 * GiB, totalRamBytes: 32 * GiB };
    const small = estimateFit({ decoder: internlm2, contextSize: 2048 }, memory);
    const large = estimateFit({ decoder: internlm2, contextSize: 8192 }, memory);
    expect(large.kvCacheBytes).toBe(4 * small.kvCacheBytes);
  });

  it('adds the projector and says so', () => {
    const fit = estimateFit(
      { decoder: internlm2, projector: internvit, contextSize: 4096 },
      { freeRamBytes: 16 * GiB, totalRamBytes: 32 * GiB },
    );
    expect(fit.projectorBytes).toBeGreaterThan(internvit.weightsBytes);
    expect(fit.projectorBytes).toBeLessThan(internvit.weightsBytes + 0.5 * GiB);
    expect(fit.summary).toContain('image reader');
  });

  it('tells the writer when memory is short, and refuses only what cannot work', () => {
    const tight = estimateFit({ decoder: internlm2, contextSize: 4096 }, { freeRamBytes: 2 * GiB, totalRamBytes: 8 * GiB });
    expect(tight.fitsInRam).toBe(false);
    expect(tight.clearlyTooBig).toBe(false); // mmapped weights can page; worth trying
    expect(tight.summary).toMatch(/but only 2\.0 GB is free\. Close other apps/);

    const tiny = estimateFit({ decoder: internlm2, contextSize: 4096 }, { freeRamBytes: 1 * GiB, totalRamBytes: 2 * GiB });
    expect(tiny.clearlyTooBig).toBe(true);
    expect(tiny.summary).toMatch(/but this computer has 2\.0 GB/);
  });

  it("counts llama-server's prompt cache (one context's KV in host memory), at the cache's precision", () => {
    const memory = { freeRamBytes: 16 * GiB, totalRamBytes: 32 * GiB, vramFreeBytes: 8 * GiB };
    const without = estimateFit({ decoder: internlm2, contextSize: 4096 }, memory);
    const cached = estimateFit({ decoder: internlm2, contextSize: 4096, promptCache: true }, memory);
    expect(without.promptCacheBytes).toBe(0);
    // What llama-server is started with (--cache-ram, MiB) for the same shape.
    expect(cached.promptCacheBytes).toBe(promptCacheMiB(internlm2, 4096, false) * 1024 ** 2);
    expect(cached.totalBytes).toBe(without.totalBytes + cached.promptCacheBytes);
    expect(cached.summary).toMatch(/conversation memory 384 MB, earlier prompts 384 MB,/);
    const full = estimateFit({ decoder: internlm2, contextSize: 4096, promptCache: true, fullPrecision: true }, memory);
    expect(full.kvCacheBytes).toBe(2 * cached.kvCacheBytes);
    expect(full.promptCacheBytes).toBe(promptCacheMiB(internlm2, 4096, true) * 1024 ** 2);
    // Host memory even when every layer and the cache go to the graphics card.
    const offloaded = estimateFit({ decoder: internlm2, contextSize: 4096, gpuLayers: 25, promptCache: true }, memory);
    const offloadedWithout = estimateFit({ decoder: internlm2, contextSize: 4096, gpuLayers: 25 }, memory);
    expect(offloaded.vramBytes).toBe(offloadedWithout.vramBytes);
    expect(offloaded.ramBytes).toBe(offloadedWithout.ramBytes + offloaded.promptCacheBytes);
  });

  it('moves offloaded layers to the graphics card', () => {
    const memory = { freeRamBytes: 16 * GiB, totalRamBytes: 32 * GiB, vramFreeBytes: 1 * GiB };
    const all = estimateFit({ decoder: internlm2, contextSize: 4096, gpuLayers: 25 }, memory);
    expect(all.vramBytes).toBeGreaterThan(all.weightsBytes);
    expect(all.fitsInVram).toBe(false);
    expect(all.summary).toMatch(/offload fewer layers/);
    const none = estimateFit({ decoder: internlm2, contextSize: 4096, gpuLayers: 0 }, memory);
    expect(none.vramBytes).toBe(0);
    expect(none.ramBytes).toBe(none.totalBytes);
  });
});

describe('system memory', () => {
  it('prefers MemAvailable from /proc/meminfo', () => {
    const text = 'MemTotal:       16318412 kB\nMemFree:         1000000 kB\nMemAvailable:    9000000 kB\n';
    expect(parseMemAvailable(text)).toBe(9_000_000 * 1024);
    expect(parseMemAvailable('MemTotal: 1 kB\n')).toBeUndefined();
  });

  it('reads plausible numbers on this machine', async () => {
    const memory = await readSystemMemory();
    expect(memory.totalRamBytes).toBeGreaterThan(256 * 1024 ** 2);
    expect(memory.freeRamBytes).toBeGreaterThan(0);
    expect(memory.freeRamBytes).toBeLessThanOrEqual(memory.totalRamBytes);
  });

  it('formats sizes the way a file manager does', () => {
    expect(formatBytes(2.04 * GiB)).toBe('2.0 GB');
    expect(formatBytes(384 * 1024 ** 2)).toBe('384 MB');
    expect(formatBytes(24 * GiB)).toBe('24 GB');
  });
});
