import type { ChatPrompt } from '../../../../native-models/prompts/chat-format';
import { STUDIO_SYSTEM_PROMPT } from '../../../../native-models/prompts/system-prompt';
import { segmentTag, taggedArticle, type ArticleBlock } from './article-text';

export const TITLE_MAX_CHARS = 80;

/**
 * Title: what the picture after paragraph N should show. The model sees the article up to that
 * paragraph plus one more, and the titles already chosen; the answer starts with a quote.
 */
export function titlePrompt(blocks: readonly ArticleBlock[], paragraphIndex: number, earlierTitles: readonly string[]): ChatPrompt {
  const earlier =
    earlierTitles.length > 0
      ? `Pictures already placed earlier in the article: ${earlierTitles.map((title) => `"${title}"`).join(', ')}.\n`
      : '';
  return {
    turns: [
      { role: 'system', content: STUDIO_SYSTEM_PROMPT },
      {
        role: 'user',
        content: `${taggedArticle(blocks, paragraphIndex + 1)}\n\n${earlier}A picture goes right after ${segmentTag(paragraphIndex)}. Give it a short title that says what the picture shows, in quotes.`,
      },
    ],
    answerPrefix: '"',
  };
}
