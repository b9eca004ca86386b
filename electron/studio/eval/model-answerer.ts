/**
 * Answers benchmark questions with a loaded model: greedy (temperature 0, top-k 1), a few
 * tokens, constrained to one option letter. Any engine Folio runs can answer.
 */
import { ModelError } from '../../../native-models/errors';
import type { ModelSession } from '../model/model-session';
import { letterGrammar, questionPrompt, type AskedQuestion } from './question-prompt';

export type Answer = { letter: string } | { skipped: SkipReason; note?: string };

export type SkipReason = 'not-a-picture' | 'picture-missing' | 'several-pictures' | 'no-image-reader' | 'too-long';

export interface Answerer {
  /** Whether questions with a picture can be asked at all (the model has an image reader). */
  seesPictures: boolean;
  answer(asked: AskedQuestion, signal?: AbortSignal): Promise<Answer>;
}

const GREEDY = { temperature: 0, topK: 1, topP: 1, repeatPenalty: 1, seed: 0 };

export function modelAnswerer(session: ModelSession): Answerer {
  return {
    seesPictures: session.info.vision,
    async answer(asked, signal) {
      try {
        const result = await session.ask(questionPrompt(asked), {
          sampling: GREEDY,
          maxTokens: 4,
          constraint: { type: 'grammar', grammar: letterGrammar(asked.options) },
          signal,
        });
        return {
          letter: letterIn(
            result.text,
            asked.options.map((option) => option.letter),
          ),
        };
      } catch (error) {
        // A question longer than the context is this question's problem, not the run's.
        if (error instanceof ModelError && error.code === 'prompt-too-long') return { skipped: 'too-long', note: error.message };
        throw error;
      }
    },
  };
}

/**
 * The option letter in an answer. With the grammar it is the whole answer; a remote server that
 * ignores grammars may write "B." or "(B) a boat": the first option letter standing alone counts.
 * No letter at all is an answer that is wrong.
 */
export function letterIn(text: string, letters: readonly string[]): string {
  const trimmed = text.trim();
  if (letters.includes(trimmed)) return trimmed;
  const standing = trimmed.match(/(?:^|[^A-Za-z])([A-Z])(?![A-Za-z])/);
  return standing?.[1] && letters.includes(standing[1]) ? standing[1] : '';
}
