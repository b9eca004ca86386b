import { ModelError } from '../errors';

/**
 * How many tokens a request may generate. A free answer is cut to the room left in the context;
 * a constrained one (JSON, a grammar) must have room for all it may need, or a cut answer would
 * be invalid: the prompt is refused as too long, and callers shrink what they show the model.
 */
export function generationBudget(promptTokens: number, contextSize: number, requested: number, constrained: boolean): number {
  const room = contextSize - promptTokens;
  if (room < 1 || (constrained && room < requested)) {
    throw new ModelError(
      'prompt-too-long',
      `This request is too long for the model: it needs ${promptTokens + (constrained ? requested : 1)} tokens and the model's context holds ${contextSize}. Shorten the text or use fewer images.`,
    );
  }
  return Math.min(requested, room);
}
