import type { PrebuiltLibraries, PrebuiltLookup } from './prebuilt-libraries';
import type { BuildRequest } from './parse-build-args';

export type BuildPath = { kind: 'linked'; prebuilt: PrebuiltLibraries } | { kind: 'source'; reason: string };

/**
 * Linked on node-llama-cpp's prebuilt libraries whenever they are there, since it compiles a
 * fraction of the code and the backend (CPU variant, CUDA, Vulkan, Metal) is chosen when the
 * server starts. From source when asked (--from-source), when a --backend is forced (that build
 * compiles the one backend in), or when this platform has no prebuilt libraries; `reason` says
 * which. The check that the libraries match the source comes later, once the source is out.
 */
export function chooseBuildPath(request: Pick<BuildRequest, 'fromSource' | 'backend'>, lookup: PrebuiltLookup): BuildPath {
  if (request.fromSource) return { kind: 'source', reason: '--from-source asked for it' };
  if (request.backend !== 'auto') return { kind: 'source', reason: `--backend ${request.backend} compiles that backend in` };
  if ('reason' in lookup) return { kind: 'source', reason: lookup.reason };
  return { kind: 'linked', prebuilt: lookup.found };
}
