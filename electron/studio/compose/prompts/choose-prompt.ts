import type { ImageInput } from '../../../../native-models/engines/engine';
import type { ChatPrompt } from '../../../../native-models/prompts/chat-format';
import { STUDIO_SYSTEM_PROMPT } from '../../../../native-models/prompts/system-prompt';
import { segmentTag, type ArticleBlock } from './article-text';

export const CANDIDATE_LABELS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'] as const;

export interface PlacedPicture {
  afterParagraph: number;
  image: ImageInput;
}

/**
 * Choose: the article so far with the pictures already chosen in their places, then the
 * candidates labelled A, B, C...; the answer is one label.
 */
export function choosePrompt(
  blocks: readonly ArticleBlock[],
  paragraphIndex: number,
  title: string,
  placed: readonly PlacedPicture[],
  candidates: readonly ImageInput[],
): ChatPrompt {
  const content: Array<string | ImageInput> = [];
  for (const block of blocks) {
    if (block.kind === 'paragraph' && (block.paragraphIndex ?? 0) > paragraphIndex) break;
    content.push(
      block.kind === 'heading'
        ? `${'#'.repeat(block.level ?? 1)} ${block.text}\n`
        : `${segmentTag(block.paragraphIndex ?? 0)} ${block.text}\n`,
    );
    for (const picture of placed)
      if (block.kind === 'paragraph' && picture.afterParagraph === block.paragraphIndex) content.push(picture.image, '\n');
  }
  content.push(`\nA picture titled "${title}" goes right after ${segmentTag(paragraphIndex)}. Which of these fits best?\n`);
  candidates.forEach((image, index) => content.push(`${CANDIDATE_LABELS[index]}.`, image, ' '));
  content.push('\nAnswer with the letter only.');
  return {
    turns: [
      { role: 'system', content: STUDIO_SYSTEM_PROMPT },
      { role: 'user', content },
    ],
  };
}
