import type { ImageInput } from '../engines/engine';
import type { ChatPrompt } from './chat-format';
import { STUDIO_SYSTEM_PROMPT } from './system-prompt';

export interface AskInput {
  question: string;
  images?: ImageInput[];
  /** The article being written, when the question is about an image in its context. */
  document?: string;
}

/** A question about zero or more images, optionally in the context of the writer's document. */
export function askPrompt(input: AskInput): ChatPrompt {
  const content: Array<string | ImageInput> = [];
  if (input.document) content.push(`Here is the article I am writing:\n${input.document}\n\n`);
  for (const image of input.images ?? []) content.push(image, '\n');
  content.push(input.question);
  return {
    turns: [
      { role: 'system', content: STUDIO_SYSTEM_PROMPT },
      { role: 'user', content },
    ],
  };
}
