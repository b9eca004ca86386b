/**
 * Control characters a model writes (the tiny model's U+0004 and others; C1 controls such as
 * U+0085 too) stay out of what paragraph edits stream and keep, and out of figure titles and
 * captions, as they stay out of the write step's (issue 23, minor). The model here streams each
 * scripted answer a character at a time, as a real engine does.
 */
import { describe, expect, it } from 'vitest';
import type { ComposeModel, ComposeProgress } from '../../../electron/studio/compose/compose-types';
import { captionFigure } from '../../../electron/studio/compose/caption-figure';
import { editParagraph } from '../../../electron/studio/compose/edit-article';
import { titleSlot } from '../../../electron/studio/compose/title-slot';
import { paragraph, textOf, type ArticleDocument, type ParagraphNode } from '../../../electron/studio/documents/article-document';
import { studioFamily } from '../../../electron/studio/compose/prompt-families/studio/studio-family';
import { INTERNLM2_FORMAT } from '../../../native-models/prompts/chat-format';
import type { ArticleBlock } from '../../../electron/studio/compose/prompts/article-text';

function answering(text: string): ComposeModel {
  return {
    family: studioFamily(INTERNLM2_FORMAT),
    ask: async (_prompt, options) => {
      for (const character of text) options?.onToken?.(character);
      return { text } as Awaited<ReturnType<ComposeModel['ask']>>;
    },
  };
}

// U+0004 as the tiny model writes it, a C1 control (U+0085, U+009B), DEL, a form feed.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const DIRTY = 'Boats\u0004 go out\u0085 early,\u009b before\u007f the\u000c tide.';

const document: ArticleDocument = {
  type: 'doc',
  content: [paragraph('Salt in the air.'), paragraph('Nets dry on the quay.')],
} as ArticleDocument;
const blocks: ArticleBlock[] = [{ kind: 'paragraph', text: 'Nets dry on the quay.', paragraphIndex: 0 }] as ArticleBlock[];
const picture = { bytes: new Uint8Array([0xff, 0xd8, 0xff]), mimeType: 'image/jpeg' };

describe('control characters from the model', () => {
  for (const edit of [{ kind: 'rewrite' }, { kind: 'shorten' }, { kind: 'insert-after', outline: 'boats' }] as const) {
    it(`stay out of ${edit.kind}'s streamed text and the paragraph it keeps`, async () => {
      let streamed = '';
      const onProgress = (step: ComposeProgress) => (streamed += step.textDelta ?? '');
      const edited = await editParagraph(answering(DIRTY), document, 0, edit, { seed: 1, onProgress });
      const kept = edited.content.map((node) => textOf(node as ParagraphNode)).join('\n');
      expect(streamed).not.toMatch(CONTROLS);
      expect(kept).not.toMatch(CONTROLS);
      expect(kept).toContain('Boats go out early, before the tide.');
    });
  }

  it("stay out of a figure's title", async () => {
    const title = await titleSlot(answering(`${DIRTY}"`), blocks, 0, [], { seed: 1 });
    expect(title).toBe('Boats go out early, before the tide.');
  });

  it("stay out of a figure's caption and alt text, C1 controls included", async () => {
    const answer = JSON.stringify({ caption: DIRTY, alt: `Nets\u0086 on the\u0004 quay` });
    const { caption, alt } = await captionFigure(answering(answer), blocks, 0, 'Nets', picture, { seed: 1 });
    expect(caption).toBe('Boats go out early, before the tide.');
    expect(alt).toBe('Nets on the quay');
  });
});
