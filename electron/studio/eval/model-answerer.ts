/**
 * Answers benchmark questions with a loaded model: greedy (temperature 0, top-k 1), a few
 * tokens, constrained to one option letter. Any engine Folio runs can answer.
 */
import { ModelError } from '../../../native-models/errors';
import type { ModelSession } from '../model/model-session';
import type { EvalQuestion } from '../compose/prompt-families/prompt-family';

export type Answer = { letter: string } | { skipped: SkipReason; note?: string };

export type SkipReason = 'not-a-picture' | 'picture-missing' | 'several-pictures' | 'no-image-reader' | 'too-long';

export interface Answerer {
  /** Whether questions with a picture can be asked at all (the model has an image reader). */
  seesPictures: boolean;
  answer(asked: EvalQuestion, signal?: AbortSignal): Promise<Answer>;
}

const GREEDY = { temperature: 0, topK: 1, topP: 1, repeatPenalty: 1, seed: 0 };

export function modelAnswerer(session: ModelSession): Answerer {
  return {
    seesPictures: session.info.vision,
    async answer(asked, signal) {
      try {
        // The model's prompt family words the question, holds the answer to a letter and reads it.
        const question = session.family.evalQuestion(asked);
        const result = await session.ask(question.prompt, {
          sampling: GREEDY,
          maxTokens: 5,
          constraint: question.constraint,
          signal,
        });
        return { letter: question.read(result.text) ?? '' };
      } catch (error) {
        // A question longer than the context is this question's problem, not the run's.
        if (error instanceof ModelError && error.code === 'prompt-too-long') return { skipped: 'too-long', note: error.message };
        throw error;
      }
    },
  };
}
