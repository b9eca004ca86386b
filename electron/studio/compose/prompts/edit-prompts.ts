import type { ChatPrompt } from '../../../../native-models/prompts/chat-format';
import { STUDIO_SYSTEM_PROMPT } from '../../../../native-models/prompts/system-prompt';

export type ParagraphEdit =
  | { kind: 'rewrite' }
  | { kind: 'expand'; material?: string }
  | { kind: 'shorten' }
  | { kind: 'insert-before'; outline: string }
  | { kind: 'insert-after'; outline: string };

/** Edits of one paragraph, seen in the article's context. The answer is the new paragraph only. */
export function editPrompt(article: string, paragraphText: string, edit: ParagraphEdit): ChatPrompt {
  const request = {
    rewrite: () => `Rewrite this paragraph so it reads better, keeping its meaning:\n${paragraphText}`,
    expand: () =>
      `Expand this paragraph with more detail${edit.kind === 'expand' && edit.material ? `, using this material:\n${edit.material}\n\nParagraph` : ''}:\n${paragraphText}`,
    shorten: () => `Shorten this paragraph to its essentials:\n${paragraphText}`,
    'insert-before': () =>
      `Write a new paragraph to go right before this one:\n${paragraphText}\n\nThe new paragraph should cover: ${edit.kind === 'insert-before' ? edit.outline : ''}`,
    'insert-after': () =>
      `Write a new paragraph to go right after this one:\n${paragraphText}\n\nThe new paragraph should cover: ${edit.kind === 'insert-after' ? edit.outline : ''}`,
  }[edit.kind]();
  return {
    turns: [
      { role: 'system', content: STUDIO_SYSTEM_PROMPT },
      { role: 'user', content: `Here is the article:\n${article}\n\n${request}\n\nAnswer with the paragraph only.` },
    ],
  };
}

/** An edited paragraph is one paragraph: free text on one line. */
export const PARAGRAPH_GRAMMAR = 'root ::= [^#\\n ] [^\\n]*';
