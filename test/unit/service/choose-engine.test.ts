import { describe, expect, it } from 'vitest';
import { chooseEngine } from '../../../electron/studio/model/choose-engine';
import type { LlamaServerBinary } from '../../../native-models/engines/llama-server/compile/llama-server-binary';

const built =
  (options: string): (() => Promise<LlamaServerBinary>) =>
  () =>
    Promise.resolve({ server: '/s', bench: null, mtmdCli: null, tag: 'v0.4.0', options });
const none = (): Promise<null> => Promise.resolve(null);
const gpu = (): boolean => true;
const noGpu = (): boolean => false;

describe('chooseEngine', () => {
  it('takes llama-server wherever it is built, GPU or not, when it chooses its backend at run time', async () => {
    for (const options of ['linked', 'packaged', 'external', 'distributable-cuda']) {
      expect(await chooseEngine({}, built(options), gpu)).toBe('llama-server');
      expect(await chooseEngine({ projectorPath: '/p' }, built(options), noGpu)).toBe('llama-server');
    }
  });

  it('keeps the bindings on a GPU machine whose only server is the CPU-only source build', async () => {
    expect(await chooseEngine({ projectorPath: '/p' }, built('native-cpu'), gpu)).toBe('llama-node');
    expect(await chooseEngine({}, built('native-cpu'), noGpu)).toBe('llama-server');
  });

  it('falls back to llama.node for images and node-llama-cpp for text without a build', async () => {
    expect(await chooseEngine({ projectorPath: '/p' }, none, noGpu)).toBe('llama-node');
    expect(await chooseEngine({}, none, noGpu)).toBe('node-llama-cpp');
  });
});
