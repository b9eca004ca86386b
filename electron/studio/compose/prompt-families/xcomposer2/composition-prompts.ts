/**
 * The composition steps phrased the way InternLM-XComposer2 was trained, from its composition
 * demo (InternLM/InternLM-XComposer InternLM-XComposer-2.0/examples/gradio_demo_composition.py:
 * `generate_article`, `generate_loc`, `generate_cap`, `model_select_image`): Chinese
 * instructions, no system turn, paragraphs tagged `<SegN>`, candidates lettered `A.<image>`, and
 * every answer pre-started ("适合插入图像的行是", "标题是\"", "最合适的图是"). Folio keeps its
 * constraints on top: the model can only write tags, a quoted line or a letter. Where Folio's
 * article differs from the demo's list of lines, headings are shown as Markdown lines, untagged.
 */
import type { ImageInput } from '../../../../../native-models/engines/engine';
import type { ChatPrompt } from '../../../../../native-models/prompts/chat-format';
import { segmentTag, taggedArticle, type ArticleBlock } from '../../prompts/article-text';
import { CANDIDATE_LABELS, type PlacedPicture } from '../../prompts/choose-prompt';
import { MAX_FIGURES } from '../../prompts/place-prompt';
import type { Outline } from '../../prompts/outline';

const userTurn = (content: string | Array<string | ImageInput>, answerPrefix?: string): ChatPrompt => ({
  turns: [{ role: 'user', content }],
  ...(answerPrefix ? { answerPrefix } : {}),
});

/** The article as the reference shows it: one `<SegN> text` line per paragraph. */
function sections(blocks: readonly ArticleBlock[], lastParagraph = Number.POSITIVE_INFINITY): string {
  return `${taggedArticle(blocks, lastParagraph)}\n`;
}

/** Write: the writer's own instruction, after the reference pictures. */
export function xcomposerWritePrompt(outline: Outline, references: readonly ImageInput[]): ChatPrompt {
  const content: Array<string | ImageInput> = [];
  references.forEach((image, index) => content.push(...(index > 0 ? [' '] : []), image));
  content.push(outline.text);
  return userTurn(content);
}

const XCOMPOSER_PLACE_PREFIX = '适合插入图像的行是';

/** Place: "given the article, choose the N lines where pictures fit"; N blank lets it decide. */
export function xcomposerPlacePrompt(blocks: readonly ArticleBlock[], count: number | null, references: readonly ImageInput[]): ChatPrompt {
  const content: Array<string | ImageInput> = [];
  for (const image of references) content.push(image, ' ');
  content.push(`给定文章"${sections(blocks)}" 根据上述文章，选择适合插入图像的${count ?? ''}行`);
  return userTurn(content, XCOMPOSER_PLACE_PREFIX);
}

/** The place answer: `<SegN>` tags, exactly `count` of them, or 1 to 15 when automatic. */
export function xcomposerPlaceGrammar(count: number | null): string {
  const repeat = count === null ? `{0,${MAX_FIGURES - 1}}` : `{${count - 1}}`;
  return [`root ::= seg (sep seg)${repeat}`, 'seg ::= "<Seg" [0-9] [0-9]? ">"', 'sep ::= "，" | ", " | "、" | " "'].join('\n');
}

export function parseSegmentTags(text: string): number[] {
  return [...text.matchAll(/<Seg(\d+)>/g)].map((match) => Number(match[1]));
}

const XCOMPOSER_TITLE_PREFIX = '标题是"';

/**
 * Title: the article up to one paragraph past the slot, the titles chosen so far with their
 * places, then "give the title of the picture to insert after <SegN>".
 */
export function xcomposerTitlePrompt(
  blocks: readonly ArticleBlock[],
  paragraphIndex: number,
  earlier: ReadonlyArray<{ afterParagraph: number; title: string }>,
): ChatPrompt {
  const past =
    earlier.length === 0
      ? ''
      : `现在${earlier.map((slot) => `${segmentTag(slot.afterParagraph)}后插入图像对应的标题是"${slot.title}"`).join('， ')}。`;
  return userTurn(
    `给定文章"${sections(blocks, paragraphIndex + 1)}" ${past}给出适合在${segmentTag(paragraphIndex)}后插入的图像对应的标题。`,
    XCOMPOSER_TITLE_PREFIX,
  );
}

const XCOMPOSER_CHOOSE_PREFIX = '最合适的图是';

/**
 * Choose: the text so far (untagged) with the pictures chosen so far between its parts, then
 * "the candidates are: A.<image> B.<image> ...".
 */
export function xcomposerChoosePrompt(
  blocks: readonly ArticleBlock[],
  paragraphIndex: number,
  placed: readonly PlacedPicture[],
  candidates: readonly ImageInput[],
): ChatPrompt {
  const content: Array<string | ImageInput> = ['根据给定上下文和候选图像，选择合适的配图：'];
  for (const block of blocks) {
    if (block.kind === 'paragraph' && (block.paragraphIndex ?? 0) > paragraphIndex) break;
    content.push(`${block.text}\n`);
    for (const picture of placed)
      if (block.kind === 'paragraph' && picture.afterParagraph === block.paragraphIndex && picture.afterParagraph < paragraphIndex)
        content.push(picture.image);
  }
  content.push('候选图像包括: ');
  candidates.forEach((image, index) => content.push(`${index > 0 ? '\n' : ''}${CANDIDATE_LABELS[index]}.`, image));
  return userTurn(content, XCOMPOSER_CHOOSE_PREFIX);
}
