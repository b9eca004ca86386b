import { CAPTION_MAX_TOKENS, captionFromAnswer } from '../../../native-models/prompts/caption-prompt';
import { DECIDING_SAMPLING } from '../../../native-models/prompts/sampling-defaults';
import type { ModelSession } from '../model/model-session';
import type { ImageDescriber } from './image-describer';

export interface ModelDescriberOptions {
  /**
   * Most tokens a caption may take.
   * @default CAPTION_MAX_TOKENS (60)
   */
  maxTokens?: number;
  /**
   * Seed for captioning; the same picture and model give the same caption.
   * @default 0
   */
  seed?: number;
  /**
   * Asked by background work: the writer's calls are not held up by it (see ModelSession.modelUse).
   * @default false
   */
  background?: boolean;
}

/** Captions from the loaded vision-language model. */
export function modelDescriber(session: ModelSession, options: ModelDescriberOptions = {}): ImageDescriber {
  return {
    async caption(image, signal) {
      const answer = await session.ask(session.family.caption({ bytes: image.bytes, mimeType: image.mimeType }), {
        sampling: { ...DECIDING_SAMPLING, seed: options.seed ?? 0 },
        maxTokens: options.maxTokens ?? CAPTION_MAX_TOKENS,
        signal,
        ...(options.background ? { background: true } : {}),
      });
      return captionFromAnswer(answer.text);
    },
  };
}
