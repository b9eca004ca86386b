import { DECIDING_SAMPLING } from '../../../native-models/prompts/sampling-defaults';
import { SEARCH_PHRASE_MAX_TOKENS, needsEnglishPhrase, searchPhraseFromAnswer } from '../../../native-models/prompts/search-phrase-prompt';
import type { ModelSession } from '../model/model-session';

/**
 * A search text in another script, as an English phrase from the loaded vision-language model
 * (one short answer, greedy); null for text the embedding model reads as it is, or when the
 * model gave nothing usable (the search then goes on with the text as typed).
 */
export function modelSearchPhrase(session: ModelSession): (text: string, signal?: AbortSignal) => Promise<string | null> {
  return async (text, signal) => {
    if (!needsEnglishPhrase(text)) return null;
    const answer = await session.ask(session.family.searchPhrase(text), {
      sampling: { ...DECIDING_SAMPLING, seed: 0 },
      maxTokens: SEARCH_PHRASE_MAX_TOKENS,
      signal,
    });
    return searchPhraseFromAnswer(answer.text);
  };
}
