import type { ChatPrompt } from './chat-format';
import { STUDIO_SYSTEM_PROMPT } from './system-prompt';

/** An image-search phrase is a few words. */
export const SEARCH_PHRASE_MAX_TOKENS = 24;

/**
 * The image-embedding model reads English only (CLIP ViT-B/32's text tower was trained on
 * English captions): a slot title in another script is turned into a short English phrase by
 * the vision-language model first, which writes Chinese as readily as English.
 */
export function searchPhrasePrompt(title: string): ChatPrompt {
  return {
    turns: [
      { role: 'system', content: STUDIO_SYSTEM_PROMPT },
      {
        role: 'user',
        content: `Translate this picture title into a short English phrase for a photo search. Answer with the phrase only.\n\n${title}`,
      },
    ],
  };
}

/** Letters outside the Latin script (Chinese, Japanese, Korean, Cyrillic, Greek, ...): the English text tower cannot read them. */
export function needsEnglishPhrase(text: string): boolean {
  return /(?!\p{Script=Latin})\p{L}/u.test(text);
}

/** The phrase in the model's answer: the first line, quotes removed; null when nothing usable came back. */
export function searchPhraseFromAnswer(answer: string): string | null {
  const line =
    answer
      .replace(/\p{Cc}/gu, '\n')
      .split('\n')
      .map((part) => part.trim())
      .find((part) => part !== '') ?? '';
  const phrase = line.replace(/^["'“”‘’]+|["'“”‘’.]+$/g, '').trim();
  return phrase === '' ? null : phrase.slice(0, 200);
}
