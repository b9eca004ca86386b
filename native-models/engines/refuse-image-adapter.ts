import { ModelError } from '../errors';
import type { EngineKind, LoadOptions } from './engine';

/**
 * Engines that cannot switch an adapter on for image tokens only refuse a model that needs it:
 * running XComposer2 with its adapter on every token, or on none, is not the released model.
 */
export function refuseImageAdapter(options: LoadOptions, engine: EngineKind): void {
  if (!options.imageAdapterPath) return;
  throw new ModelError(
    'backend-unavailable',
    `This model (InternLM-XComposer2) applies its adapter to picture tokens only, which the ${engine} engine cannot do. Use the llama-server engine (npm run build:llama-server builds it).`,
    `${engine}: imageAdapterPath ${options.imageAdapterPath}`,
  );
}
