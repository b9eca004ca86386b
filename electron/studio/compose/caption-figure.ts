import type { ImageInput } from '../../../native-models/engines/engine';
import { DECIDING_SAMPLING } from '../../../native-models/prompts/sampling-defaults';
import { FIGURE_CAPTION_SCHEMA, figureCaptionPrompt } from '../../../native-models/prompts/compose/figure-caption-prompt';
import { taggedArticle, type ArticleBlock } from '../../../native-models/prompts/compose/article-text';
import type { ComposeModel, StepOptions } from './compose-types';
import { stepSeed } from './step-seed';

const CAPTION_MAX_CHARS = 300;
const ALT_MAX_CHARS = 200;

/** Caption: the chosen picture, seen with the paragraph it follows, gets a caption and alt text. */
export async function captionFigure(
  model: ComposeModel,
  blocks: readonly ArticleBlock[],
  paragraphIndex: number,
  title: string,
  image: ImageInput,
  options: StepOptions & { slot?: number; slots?: number },
): Promise<{ caption: string; alt: string }> {
  let tokens = 0;
  const context = taggedArticle(blocks, paragraphIndex).split('\n').slice(-3).join('\n');
  const result = await model.ask(figureCaptionPrompt(context, title, image), {
    sampling: { ...DECIDING_SAMPLING, ...options.sampling, seed: stepSeed(options.seed, 'caption', paragraphIndex) },
    maxTokens: 160,
    constraint: { type: 'json-schema', schema: FIGURE_CAPTION_SCHEMA },
    signal: options.signal,
    onToken: () => options.onProgress?.({ step: 'caption', slot: options.slot, slots: options.slots, tokens: ++tokens }),
  });
  const parsed = parseCaption(result.text);
  return { caption: tidy(parsed.caption, CAPTION_MAX_CHARS) || title, alt: tidy(parsed.alt, ALT_MAX_CHARS) || title };
}

function parseCaption(text: string): { caption: string; alt: string } {
  try {
    const value = JSON.parse(text) as { caption?: unknown; alt?: unknown };
    return { caption: String(value.caption ?? ''), alt: String(value.alt ?? '') };
  } catch {
    // The answer ran out of tokens before the JSON closed: keep the slot's title instead.
    return { caption: '', alt: '' };
  }
}

function tidy(text: string, maxChars: number): string {
  // eslint-disable-next-line no-control-regex -- control characters never belong in a caption
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > maxChars ? `${clean.slice(0, maxChars - 1).trimEnd()}…` : clean;
}
