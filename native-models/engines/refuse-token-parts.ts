import { ModelError } from '../errors';
import type { EngineKind, PromptPart } from './engine';

/**
 * Engines that cannot take token ids refuse a prompt that comes as ids rather than guess at
 * text: re-tokenised by llama.cpp it would not be the prompt the model's own tokenizer makes.
 */
export function refuseTokenParts(prompt: readonly PromptPart[], engine: EngineKind): void {
  if (!prompt.some((part) => part.type === 'tokens')) return;
  throw new ModelError(
    'backend-unavailable',
    `This model must be given its prompts as exact token ids (its own tokenizer differs from llama.cpp's), which the ${engine} engine cannot take. Use the llama-server engine (npm run build:llama-server builds it).`,
    `${engine}: a prompt with token parts`,
  );
}
