import type { ImageInput } from '../engines/engine';
import type { ChatPrompt } from './chat-format';
import { STUDIO_SYSTEM_PROMPT } from './system-prompt';

/** Captions are for finding pictures again: one or two sentences, so a short cap. */
export const CAPTION_MAX_TOKENS = 60;

/** Longest caption kept, in characters; a model that rambles past its token cap is cut here. */
export const CAPTION_MAX_CHARS = 400;

/**
 * Library caption: what a writer would type to find this picture later. Asks for the subject,
 * the setting and anything distinctive, plainly, without opinions or "This image shows".
 */
export function captionPrompt(image: ImageInput): ChatPrompt {
  return {
    turns: [
      { role: 'system', content: STUDIO_SYSTEM_PROMPT },
      {
        role: 'user',
        content: [
          image,
          '\nDescribe this picture in one or two plain sentences for a photo search: the main subject, what it is doing, the setting, and any distinctive colours, objects or written text. Start with the subject.',
        ],
      },
    ],
  };
}

/** The caption in a model's answer: one line of text, quotes and stock openings removed. */
export function captionFromAnswer(answer: string): string {
  const text = answer
    // Control characters (a model's stray bytes) would corrupt summaries and terminals.
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim()
    .replace(/^["'“”‘’]+|["'“”‘’]+$/g, '')
    .replace(/^(this|the) (image|picture|photo|photograph) (shows|depicts|is of)\s+/i, '')
    .trim();
  if (text.length <= CAPTION_MAX_CHARS) return text;
  const cut = text.slice(0, CAPTION_MAX_CHARS);
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > CAPTION_MAX_CHARS / 2 ? cut.slice(0, lastSpace) : cut).trim();
}
