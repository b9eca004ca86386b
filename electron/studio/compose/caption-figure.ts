import type { ImageInput } from '../../../native-models/engines/engine';
import { DECIDING_SAMPLING } from '../../../native-models/prompts/sampling-defaults';
import { FIGURE_CAPTION_SCHEMA } from './prompts/figure-caption-prompt';
import { taggedArticle, type ArticleBlock } from './prompts/article-text';
import type { ComposeModel, StepOptions } from './compose-types';
import { stepSeed } from './step-seed';
import { windowBlocks } from './article-window';
import { firstThatFits, isPromptTooLong } from './first-that-fits';
import { withoutControlCharacters } from './without-control-characters';

/** A caption's allowance in the first views (the time-left estimate's budget for captioning). */
export const CAPTION_MAX_TOKENS = 160;
const CAPTION_MAX_CHARS = 300;
const ALT_MAX_CHARS = 200;

interface CaptionView {
  /** The passage shown with the picture. */
  context: (blocks: readonly ArticleBlock[], paragraphIndex: number) => string;
  maxTokens: number;
}

/** The last lines before the slot; then the slot's own paragraph, shortened; then the picture alone. */
const CAPTION_VIEWS: readonly CaptionView[] = [
  {
    context: (blocks, paragraphIndex) => taggedArticle(blocks, paragraphIndex).split('\n').slice(-3).join('\n'),
    maxTokens: CAPTION_MAX_TOKENS,
  },
  {
    context: (blocks, paragraphIndex) => taggedArticle(windowBlocks(blocks, { before: 0, after: 0, maxWords: 25 }, paragraphIndex)),
    maxTokens: CAPTION_MAX_TOKENS,
  },
  { context: () => '', maxTokens: CAPTION_MAX_TOKENS },
  { context: () => '', maxTokens: 96 },
];

/**
 * Caption: the chosen picture, seen with the paragraph it follows, gets a caption and alt text.
 * When not even the picture alone fits the model's context, the figure keeps the library's
 * caption (or its title) rather than failing the article.
 */
export async function captionFigure(
  model: ComposeModel,
  blocks: readonly ArticleBlock[],
  paragraphIndex: number,
  title: string,
  image: ImageInput,
  options: StepOptions & { slot?: number; slots?: number; knownCaption?: string },
): Promise<{ caption: string; alt: string }> {
  let tokens = 0;
  let parsed: { caption: string; alt: string };
  try {
    const result = await firstThatFits(CAPTION_VIEWS, (view) =>
      model.ask(model.family.figureCaption(view.context(blocks, paragraphIndex), title, image), {
        sampling: { ...DECIDING_SAMPLING, ...options.sampling, seed: stepSeed(options.seed, 'caption', paragraphIndex) },
        maxTokens: view.maxTokens,
        constraint: { type: 'json-schema', schema: FIGURE_CAPTION_SCHEMA },
        signal: options.signal,
        onToken: () => options.onProgress?.({ step: 'caption', slot: options.slot, slots: options.slots, tokens: ++tokens }),
      }),
    );
    parsed = parseCaption(result.text);
  } catch (error) {
    if (!isPromptTooLong(error)) throw error;
    parsed = { caption: options.knownCaption ?? '', alt: '' };
  }
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
  const clean = withoutControlCharacters(text).replace(/\s+/g, ' ').trim();
  return clean.length > maxChars ? `${clean.slice(0, maxChars - 1).trimEnd()}…` : clean;
}
