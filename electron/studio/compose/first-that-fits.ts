import { ModelError } from '../../../native-models/errors';

/** Whether the engine refused a prompt as longer than the model's context (before evaluating it). */
export function isPromptTooLong(error: unknown): boolean {
  return error instanceof ModelError && error.code === 'prompt-too-long';
}

/**
 * Runs `attempt` with each way of asking in turn (ever smaller views of the article, fewer
 * pictures) until its prompt fits the model's context. Engines refuse a prompt that does not fit
 * before evaluating it, so a refused attempt costs a token count, not a generation.
 */
export async function firstThatFits<Option, T>(options: readonly Option[], attempt: (option: Option) => Promise<T>): Promise<T> {
  for (const [index, option] of options.entries()) {
    try {
      return await attempt(option);
    } catch (error) {
      if (index === options.length - 1 || !isPromptTooLong(error)) throw error;
    }
  }
  throw new Error('unreachable: nothing to try');
}
