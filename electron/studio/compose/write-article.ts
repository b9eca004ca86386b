import type { ImageInput } from '../../../native-models/engines/engine';
import { AbortedError, ModelError } from '../../../native-models/errors';
import { WRITING_SAMPLING } from '../../../native-models/prompts/sampling-defaults';
import { articleGrammar } from './prompts/gbnf';
import { parseOutline, type Outline } from './prompts/outline';
import type { ArticleBlock } from './prompts/article-text';
import type { ComposeModel, StepOptions } from './compose-types';
import { stepSeed } from './step-seed';
import { firstThatFits } from './first-that-fits';
import { MAX_PARAGRAPHS, splitArticle } from './split-article';
import { StreamedArticle } from './streamed-article';
import { errorMessage } from './error-message';

const WRITE_MAX_TOKENS = 4096;
/**
 * The least room the write step asks for. Small: in a small context (512 tokens, the outline and
 * Folio's instructions taking most of it) a short start is worth more than nothing, and the
 * follow-ups write the sections it did not reach.
 */
const MIN_WRITE_TOKENS = 16;

export interface WrittenArticle {
  blocks: ArticleBlock[];
  /** Stopped by the writer: `blocks` is what had streamed by then. */
  cancelled: boolean;
  /** Why writing ended early after text had streamed (kept in `blocks`). */
  problem?: WriteProblem;
}

export interface WriteProblem {
  /** In the writer's words, naming the step: "Writing stopped after 40 tokens: …". */
  message: string;
  error: unknown;
}

/**
 * Write: streams the article. A grammar keeps the outline's headings, in order, and makes every
 * paragraph end with a blank line, so splitting the stream is exact. A stop or a failure after
 * text has streamed keeps that text, exactly as the writer saw it; only a failure before any
 * text is thrown.
 */
export async function writeArticle(
  model: ComposeModel,
  input: { outline: string; references?: ImageInput[]; maxTokens?: number },
  options: StepOptions,
): Promise<WrittenArticle> {
  const outline = parseOutline(input.outline);
  const references = input.references ?? [];
  const budget = writeBudget(model, input.maxTokens);
  let tokens = 0;
  const streamed = new StreamedArticle((textDelta) => options.onProgress?.({ step: 'write', tokens, textDelta }));
  const write = (part: Outline, round: number, withReferences: boolean, maxParagraphs = MAX_PARAGRAPHS) =>
    firstThatFits(writeViews(withReferences, budget), (view) =>
      model.ask(model.family.write(part, view.showReferences ? references : []), {
        sampling: { ...WRITING_SAMPLING, ...options.sampling, seed: stepSeed(options.seed, 'write', round) },
        maxTokens: view.maxTokens,
        constraint: {
          type: 'grammar',
          grammar: articleGrammar({ introParagraphs: part.hasIntro ? 3 : 0, sections: part.headings, maxParagraphs }),
        },
        signal: options.signal,
        onToken: (textDelta) => {
          tokens++;
          streamed.push(textDelta);
        },
      }),
    );
  try {
    let blocks = splitArticle((await write(outline, 0, references.length > 0)).text);
    // The answer can run out of tokens before the last sections (the grammar allows no early end):
    // the sections still without text are written in follow-ups, never left as bare headings. Each
    // follow-up starts at the first empty section; one that fills nothing more ends the attempts.
    for (
      let round = 1, empty = firstEmptySection(blocks, outline.headings.length);
      empty >= 0 && round <= outline.headings.length;
      round++
    ) {
      const rest = outline.headings.slice(empty);
      streamed.followUpFrom(empty);
      const kept = blocksBeforeSection(withoutCut(blocks), empty);
      // What is left of the paragraph allowance, but at least one for each section still to write.
      const allowance = Math.max(rest.length, MAX_PARAGRAPHS - kept.filter((block) => block.kind === 'paragraph').length);
      const more = splitArticle((await write(outlineOf(rest), round, false, allowance)).text, allowance);
      blocks = numberParagraphs([...kept, ...more]);
      const next = firstEmptySection(blocks, outline.headings.length);
      if (next >= 0 && next <= empty) break;
      empty = next;
    }
    return { blocks: withAllHeadings(blocks, outline.headings), cancelled: false };
  } catch (error) {
    const blocks = streamed.blocks();
    if (error instanceof AbortedError) return { blocks, cancelled: true };
    if (blocks.length === 0) throw writingCouldNotStart(error);
    return { blocks, cancelled: false, problem: { message: `Writing stopped after ${tokens} tokens: ${errorMessage(error)}`, error } };
  }
}

/** A failure before any text: the same error, its message naming the step for the writer. */
function writingCouldNotStart(error: unknown): unknown {
  if (!(error instanceof ModelError)) return error;
  return new ModelError(error.code, `Writing the article could not start: ${error.message}`, error.detail);
}

/** The outline's section (by index) that is first to have no paragraph, or is missing; -1 when every one has text. */
export function firstEmptySection(blocks: readonly ArticleBlock[], sections: number): number {
  const paragraphsIn = new Array<number>(sections).fill(0);
  let section = -1;
  for (const block of blocks) {
    if (block.kind === 'heading') section++;
    else if (section >= 0 && section < sections) paragraphsIn[section] = (paragraphsIn[section] ?? 0) + 1;
  }
  return paragraphsIn.findIndex((count) => count === 0);
}

/** The blocks without a character cut off at their end (U+FFFD, where a follow-up takes over). */
function withoutCut(blocks: readonly ArticleBlock[]): ArticleBlock[] {
  const last = blocks.at(-1);
  if (!last?.text.endsWith('\uFFFD')) return [...blocks];
  const text = last.text.replace(/\uFFFD+$/, '').trimEnd();
  return text ? [...blocks.slice(0, -1), { ...last, text }] : blocks.slice(0, -1);
}

function blocksBeforeSection(blocks: readonly ArticleBlock[], section: number): ArticleBlock[] {
  let seen = -1;
  const end = blocks.findIndex((block) => block.kind === 'heading' && ++seen === section);
  return end < 0 ? [...blocks] : blocks.slice(0, end);
}

function outlineOf(headings: ReadonlyArray<{ level: number; title: string }>): Outline {
  return {
    text: headings.map((heading) => `${'#'.repeat(heading.level)} ${heading.title}`).join('\n'),
    headings: [...headings],
    hasIntro: false,
  };
}

function numberParagraphs(blocks: readonly ArticleBlock[]): ArticleBlock[] {
  let index = 0;
  return blocks.map((block) => (block.kind === 'paragraph' ? { ...block, paragraphIndex: index++ } : block));
}

/**
 * The outline's headings stay headings even when the answer ran out of tokens before reaching
 * them: missing ones are appended, in order, so the writer sees the whole structure.
 */
function withAllHeadings(blocks: ArticleBlock[], headings: ReadonlyArray<{ level: number; title: string }>): ArticleBlock[] {
  const written = blocks.filter((block) => block.kind === 'heading').length;
  return [
    ...blocks,
    ...headings.slice(written).map((missing) => ({ kind: 'heading' as const, level: missing.level, text: missing.title })),
  ];
}

/**
 * Ways to ask for the article, largest first: with the reference pictures (which still become
 * the figures when they are not shown), then without them, then with less room for the answer.
 */
function writeViews(hasReferences: boolean, budget: number): Array<{ showReferences: boolean; maxTokens: number }> {
  const views = hasReferences ? [{ showReferences: true, maxTokens: budget }] : [];
  for (let maxTokens = budget; maxTokens >= MIN_WRITE_TOKENS; maxTokens = Math.floor(maxTokens / 2))
    views.push({ showReferences: false, maxTokens });
  return views.length > 0 ? views : [{ showReferences: false, maxTokens: budget }];
}

/**
 * At most half the context for the article: the later steps show it to the model again, with
 * pictures, and must fit too.
 */
export function writeBudget(model: ComposeModel, requested = WRITE_MAX_TOKENS): number {
  const contextSize = model.info?.contextSize;
  return contextSize ? Math.max(64, Math.min(requested, Math.floor(contextSize / 2))) : requested;
}
