import { ModelSession, type OpenModelOptions } from '../../electron/studio/model/model-session';
import { TINY_DECODER, TINY_PROJECTOR } from './fixture-paths';

/**
 * The tiny model pair in a session, as the pipeline tests load it: on the processor, one thread
 * (the same answers on every machine), 2,048 tokens of context, llama.node unless `options` says
 * otherwise.
 */
export function openTinySession(options: Partial<OpenModelOptions> = {}): Promise<ModelSession> {
  return ModelSession.open({
    decoderPath: TINY_DECODER,
    projectorPath: TINY_PROJECTOR,
    contextSize: 2048,
    threads: 1,
    backend: 'cpu',
    engine: 'llama-node',
    ...options,
  });
}
