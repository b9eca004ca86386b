import type { ImageInput } from '../../../../native-models/engines/engine';
import type { ChatPrompt } from '../../../../native-models/prompts/chat-format';
import { STUDIO_SYSTEM_PROMPT } from '../../../../native-models/prompts/system-prompt';

/** Caption: the chosen picture, seen in the article's context, gets a caption and alt text. */
export function figureCaptionPrompt(context: string, title: string, image: ImageInput): ChatPrompt {
  return {
    turns: [
      { role: 'system', content: STUDIO_SYSTEM_PROMPT },
      {
        role: 'user',
        content: [
          context
            ? `This picture illustrates the passage below in an article; its slot is titled "${title}".\n\nPassage:\n${context}\n\nPicture: `
            : `This picture illustrates an article; its slot is titled "${title}".\n\nPicture: `,
          image,
          '\nWrite its caption (one or two sentences, for readers of the article) and its alt text (a short, literal description for someone who cannot see it). Answer in JSON: {"caption": "...", "alt": "..."}',
        ],
      },
    ],
  };
}

export const FIGURE_CAPTION_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: { caption: { type: 'string' }, alt: { type: 'string' } },
  required: ['caption', 'alt'],
  additionalProperties: false,
};
