import { existsSync } from 'node:fs';
import path from 'node:path';
import { completedBuild, llamaServerBuildDir, llamaServerCacheRoot } from './build-cache';
import { optionsLabel, type LlamaServerBuildOptions } from './build-options';
import { chooseBackend } from './choose-backend';
import { cmakeConfigureFlags } from './cmake-flags';
import { LINKED_LABEL, linkedBuildFlags } from './linked-cmake';
import { readLlamaCppRelease } from './llama-cpp-release';
import { probeMachine } from './machine-probe';
import { findPrebuiltLibraries } from './prebuilt-libraries';

/** A llama-server build ready to run. */
export interface LlamaServerBinary {
  server: string;
  /** llama-bench beside the server, when there is one. */
  bench: string | null;
  /** llama-mtmd-cli beside the server, when there is one. */
  mtmdCli: string | null;
  /** The llama.cpp release tag, or 'external' for FOLIO_LLAMA_SERVER_BIN. */
  tag: string;
  /** The build options label ('linked', 'native-cpu', ...), or 'external'. */
  options: string;
}

/**
 * The llama-server that `npm run build:llama-server` (with no options) built for this machine:
 * the one linked on node-llama-cpp's installed libraries, else the source build; or the one
 * FOLIO_LLAMA_SERVER_BIN names; null when there is none. Never builds anything.
 * A FOLIO_LLAMA_SERVER_BIN that points at no file is an error, not a silent fall-back.
 */
export async function findLlamaServerBinary(env: NodeJS.ProcessEnv = process.env): Promise<LlamaServerBinary | null> {
  const packaged = packagedServer();
  if (packaged) return packaged;
  const external = env.FOLIO_LLAMA_SERVER_BIN;
  if (external) {
    const server = path.resolve(external);
    if (!existsSync(server)) throw new Error(`FOLIO_LLAMA_SERVER_BIN points to ${server}, which does not exist.`);
    return {
      server,
      bench: sibling(server, 'llama-bench'),
      mtmdCli: sibling(server, 'llama-mtmd-cli'),
      tag: 'external',
      options: 'external',
    };
  }
  const probe = probeMachine(env);
  const root = llamaServerCacheRoot(undefined, env);
  const { tag } = await readLlamaCppRelease();
  const prebuilt = findPrebuiltLibraries(probe.platform, process.arch);
  if ('found' in prebuilt) {
    const flags = linkedBuildFlags(prebuilt.found);
    const linked = await completedBuild(llamaServerBuildDir(root, tag, flags), tag, LINKED_LABEL, flags, probe.platform);
    if (linked)
      return {
        server: linked.binaries['llama-server'],
        bench: linked.binaries['llama-bench'],
        mtmdCli: linked.binaries['llama-mtmd-cli'],
        tag,
        options: LINKED_LABEL,
      };
  }
  const options: LlamaServerBuildOptions = {
    backend: chooseBackend('auto', false, probe),
    distributable: false,
    platform: probe.platform,
    cpuFlags: probe.cpuFlags?.() ?? [],
  };
  const flags = cmakeConfigureFlags(options);
  const build = await completedBuild(llamaServerBuildDir(root, tag, flags), tag, optionsLabel(options), flags, probe.platform);
  if (!build) return null;
  const { binaries } = build;
  return {
    server: binaries['llama-server'],
    bench: binaries['llama-bench'],
    mtmdCli: binaries['llama-mtmd-cli'],
    tag,
    options: optionsLabel(options),
  };
}

/** In the packaged app the programs travel as a resource folder, unpacked beside the asar. */
function packagedServer(): LlamaServerBinary | null {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (!resources) return null;
  const server = path.join(resources, 'llama-server', process.platform === 'win32' ? 'llama-server.exe' : 'llama-server');
  return existsSync(server) ? { server, bench: null, mtmdCli: null, tag: 'packaged', options: 'distributable' } : null;
}

function sibling(server: string, name: string): string | null {
  const file = path.join(path.dirname(server), path.extname(server) === '.exe' ? `${name}.exe` : name);
  return existsSync(file) ? file : null;
}
