import type { ImageInput } from '../../../../native-models/engines/engine';
import type { ChatPrompt } from '../../../../native-models/prompts/chat-format';
import { STUDIO_SYSTEM_PROMPT } from '../../../../native-models/prompts/system-prompt';
import type { Outline } from './outline';

/** Write: the whole article from the outline or instruction, seeing any reference images. */
export function writePrompt(outline: Outline, references: ImageInput[]): ChatPrompt {
  const content: Array<string | ImageInput> = [];
  if (references.length > 0) {
    content.push('Reference pictures for this article:\n');
    references.forEach((image, index) => content.push(`Picture ${index + 1}: `, image, '\n'));
    content.push('\n');
  }
  content.push(
    outline.headings.length > 0
      ? `Write a complete article that follows this outline. Keep its headings exactly, as Markdown headings, and write well-developed paragraphs under each. Separate paragraphs with a blank line.\n\nOutline:\n${outline.text}`
      : `Write a complete article for this request. Separate paragraphs with a blank line.\n\nRequest:\n${outline.text}`,
  );
  return {
    turns: [
      { role: 'system', content: STUDIO_SYSTEM_PROMPT },
      { role: 'user', content },
    ],
  };
}
