import type { ImageInput } from '../../../../native-models/engines/engine';
import type { ChatPrompt } from '../../../../native-models/prompts/chat-format';
import { STUDIO_SYSTEM_PROMPT } from '../../../../native-models/prompts/system-prompt';
import { taggedArticle, type ArticleBlock } from './article-text';

export const MAX_FIGURES = 15;

/** Place: after which paragraphs pictures belong. `count` null lets the model decide. */
export function placePrompt(blocks: readonly ArticleBlock[], count: number | null, references: ImageInput[]): ChatPrompt {
  const content: Array<string | ImageInput> = [
    `Here is an article; each paragraph starts with its tag <SegN>:\n${taggedArticle(blocks)}\n\n`,
  ];
  if (references.length > 0) {
    content.push('These pictures are available for it:\n');
    for (const image of references) content.push(image, '\n');
  }
  content.push(
    count === null
      ? `Choose the paragraphs after which a picture would help the reader most (at most ${MAX_FIGURES}). `
      : `Choose the ${count} paragraph${count === 1 ? '' : 's'} after which a picture would help the reader most. `,
    'Answer with the paragraph numbers N, in JSON: {"figures": [N, ...]}',
  );
  return {
    turns: [
      { role: 'system', content: STUDIO_SYSTEM_PROMPT },
      { role: 'user', content },
    ],
  };
}

/** The place answer's shape: distinct paragraph numbers are enforced after generation. */
export function placeSchema(paragraphCount: number, count: number | null): Record<string, unknown> {
  const most = Math.min(count ?? MAX_FIGURES, paragraphCount, MAX_FIGURES);
  const least = count === null ? 1 : most;
  return {
    type: 'object',
    properties: {
      figures: { type: 'array', items: { type: 'integer', minimum: 0, maximum: paragraphCount - 1 }, minItems: least, maxItems: most },
    },
    required: ['figures'],
    additionalProperties: false,
  };
}
