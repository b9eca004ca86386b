import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { probeMachine } from '../../../native-models/engines/llama-server/compile/machine-probe';

describe.skipIf(process.platform === 'win32')('probeMachine', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'folio-probe-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function tool(name: string, executable = true): Promise<string> {
    const file = path.join(dir, name);
    await writeFile(file, '#!/bin/sh\n');
    await chmod(file, executable ? 0o755 : 0o644);
    return file;
  }

  it('finds executables on PATH and ignores files that are not executable', async () => {
    const cmake = await tool('cmake');
    await tool('git', false);
    const probe = probeMachine({ PATH: dir }, 'linux');
    expect(probe.findTool('cmake')).toBe(cmake);
    expect(probe.findTool('git')).toBeNull();
  });

  it('takes any C++ compiler, $CXX first', async () => {
    const clang = await tool('clang++');
    const custom = await tool('my-cxx');
    expect(probeMachine({ PATH: dir }, 'linux').findTool('c++')).toBe(clang);
    expect(probeMachine({ PATH: dir, CXX: custom }, 'linux').findTool('c++')).toBe(custom);
    expect(probeMachine({ PATH: path.join(dir, 'none') }, 'linux').findTool('c++')).toBeNull();
  });

  it('finds nvcc under CUDA_PATH and Vulkan under VULKAN_SDK', async () => {
    await mkdir(path.join(dir, 'cuda', 'bin'), { recursive: true });
    await mkdir(path.join(dir, 'vk', 'include', 'vulkan'), { recursive: true });
    await mkdir(path.join(dir, 'vk', 'bin'), { recursive: true });
    await tool(path.join('cuda', 'bin', 'nvcc'));
    await tool(path.join('vk', 'bin', 'glslc'));
    await writeFile(path.join(dir, 'vk', 'include', 'vulkan', 'vulkan.h'), '');
    const probe = probeMachine({ PATH: '', CUDA_PATH: path.join(dir, 'cuda'), VULKAN_SDK: path.join(dir, 'vk') }, 'linux');
    expect(probe.findTool('nvcc')).toBe(path.join(dir, 'cuda', 'bin', 'nvcc'));
    expect(probe.findTool('glslc')).toBe(path.join(dir, 'vk', 'bin', 'glslc'));
    expect(probe.hasVulkanHeaders()).toBe(true);
  });
});
