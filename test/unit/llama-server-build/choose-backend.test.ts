import { describe, expect, it } from 'vitest';
import { LlamaServerBuildError } from '../../../native-models/engines/llama-server/compile/build-error';
import { chooseBackend } from '../../../native-models/engines/llama-server/compile/choose-backend';
import { BASIC_TOOLS, fakeProbe } from './fake-probe';

function failure(run: () => unknown): LlamaServerBuildError {
  try {
    run();
  } catch (error) {
    if (error instanceof LlamaServerBuildError) return error;
    throw error;
  }
  throw new Error('expected a LlamaServerBuildError');
}

describe('chooseBackend', () => {
  it('auto picks Metal on macOS', () => {
    expect(chooseBackend('auto', false, fakeProbe('darwin', BASIC_TOOLS))).toBe('metal');
  });

  it('auto picks CUDA when nvcc is installed and a GPU is visible', () => {
    expect(chooseBackend('auto', false, fakeProbe('linux', [...BASIC_TOOLS, 'nvcc'], { nvidiaGpu: true }))).toBe('cuda');
  });

  it('auto skips CUDA for a native build with nvcc but no GPU to compile for', () => {
    expect(chooseBackend('auto', false, fakeProbe('linux', [...BASIC_TOOLS, 'nvcc']))).toBe('cpu');
    expect(chooseBackend('auto', true, fakeProbe('linux', [...BASIC_TOOLS, 'nvcc']))).toBe('cuda');
  });

  it('auto picks Vulkan only with both glslc and the headers', () => {
    expect(chooseBackend('auto', false, fakeProbe('linux', [...BASIC_TOOLS, 'glslc'], { vulkanHeaders: true }))).toBe('vulkan');
    expect(chooseBackend('auto', false, fakeProbe('linux', [...BASIC_TOOLS, 'glslc']))).toBe('cpu');
    expect(chooseBackend('auto', false, fakeProbe('linux', BASIC_TOOLS, { vulkanHeaders: true }))).toBe('cpu');
  });

  it('a forced backend whose toolkit is missing exits 2 naming what to install', () => {
    const cuda = failure(() => chooseBackend('cuda', false, fakeProbe('linux', BASIC_TOOLS)));
    expect(cuda.exitCode).toBe(2);
    expect(cuda.message).toContain('apt-get install nvidia-cuda-toolkit');

    const vulkan = failure(() => chooseBackend('vulkan', false, fakeProbe('linux', BASIC_TOOLS)));
    expect(vulkan.exitCode).toBe(2);
    expect(vulkan.message).toContain('apt-get install libvulkan-dev glslc');

    expect(failure(() => chooseBackend('metal', false, fakeProbe('linux', BASIC_TOOLS))).message).toMatch(/needs macOS/);
    expect(failure(() => chooseBackend('cuda', false, fakeProbe('linux', [...BASIC_TOOLS, 'nvcc']))).message).toMatch(/--distributable/);
  });

  it('a forced backend with its toolkit is used as asked', () => {
    expect(chooseBackend('cpu', false, fakeProbe('darwin', BASIC_TOOLS))).toBe('cpu');
    expect(chooseBackend('cuda', true, fakeProbe('linux', [...BASIC_TOOLS, 'nvcc']))).toBe('cuda');
  });
});
