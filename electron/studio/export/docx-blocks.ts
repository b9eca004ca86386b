/**
 * The article's text blocks as Word paragraphs: headings as Heading 1-6, bold and italic runs,
 * links as hyperlinks (Word's Hyperlink style), lists as Word's own bulleted and numbered lists
 * (each numbered list counting from its start, nested lists one level in), quotes in the Quote
 * style. A list item's later paragraphs sit at its indent without a bullet of their own.
 */
import {
  AlignmentType,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Paragraph,
  TextRun,
  type ILevelsOptions,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import { headingLevel, listStart, textOf, type InlineNode, type TextBlockNode } from '../documents/article-document';
import { inlineRuns, type InlineRun } from './inline-runs';

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;
/** Word has nine list levels; deeper lists stay on the ninth. */
const LIST_LEVELS = 9;
const INDENT_TWIPS = 360;
const BULLETS = ['•', '◦', '▪'];

/** The paragraph style the quotes use, for the document's styles. */
export const QUOTE_STYLE = {
  id: 'Quote',
  name: 'Quote',
  basedOn: 'Normal',
  next: 'Normal',
  quickFormat: true,
  run: { italics: true, color: '444444' },
  paragraph: { indent: { left: 720, right: 720 }, spacing: { before: 120, after: 120 } },
};

interface Place {
  /** Lists this block is inside, 0 for none. */
  depth: number;
  quoted: boolean;
  /** The list item's bullet or number, for its first paragraph only. */
  numbering?: IParagraphOptions['numbering'];
}

/** Numbered lists each count on their own: every one gets its own numbering instance. */
export class DocxBlocks {
  private numberedLists = 0;

  paragraphs(node: TextBlockNode, place: Place = { depth: 0, quoted: false }): Paragraph[] {
    const style = place.quoted ? { style: QUOTE_STYLE.id } : {};
    const indent = place.depth > 0 && !place.numbering ? { indent: { left: INDENT_TWIPS * 2 * Math.min(place.depth, LIST_LEVELS) } } : {};
    const numbering = place.numbering ? { numbering: place.numbering } : {};
    switch (node.type) {
      case 'heading':
        return [
          new Paragraph({
            heading: HEADINGS[headingLevel(node.attrs.level) - 1],
            ...indent,
            ...numbering,
            children: inlineChildren(node.content),
          }),
        ];
      case 'paragraph':
        // An empty paragraph at the top level is left out, as the other exports do; in a list it holds the bullet.
        return !textOf(node) && place.depth === 0 && !place.quoted
          ? []
          : [new Paragraph({ ...style, ...indent, ...numbering, children: inlineChildren(node.content) })];
      case 'blockquote':
        return node.content.flatMap((child) => this.paragraphs(child, { depth: place.depth, quoted: true }));
      default: {
        const level = Math.min(place.depth, LIST_LEVELS - 1);
        const reference = node.type === 'bulletList' ? bulletDefinition() : numberDefinition(listStart(node));
        const instance = node.type === 'bulletList' ? 0 : ++this.numberedLists;
        return node.content.flatMap((item) =>
          item.content.flatMap((child, index) =>
            this.paragraphs(child, {
              depth: place.depth + 1,
              quoted: place.quoted,
              ...(index === 0 ? { numbering: { reference, level, instance } } : {}),
            }),
          ),
        );
      }
    }
  }
}

function inlineChildren(content: readonly InlineNode[] | undefined): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  const runs = inlineRuns(content);
  for (let start = 0; start < runs.length;) {
    const href = (runs[start] as InlineRun).href;
    let end = start + 1;
    while (end < runs.length && (runs[end] as InlineRun).href === href) end++;
    const group = runs.slice(start, end).map((run) => textRun(run, href !== null));
    children.push(...(href === null ? group : [new ExternalHyperlink({ link: href, children: group })]));
    start = end;
  }
  return children;
}

function textRun(run: InlineRun, linked: boolean): TextRun {
  if (run.lineBreak) return new TextRun({ break: 1 });
  return new TextRun({ text: run.text, bold: run.bold, italics: run.italic, ...(linked ? { style: 'Hyperlink' } : {}) });
}

function levels(
  format: (typeof LevelFormat)[keyof typeof LevelFormat],
  text: (level: number) => string,
  start: () => number,
): ILevelsOptions[] {
  return Array.from({ length: LIST_LEVELS }, (_, level) => ({
    level,
    format,
    text: text(level),
    start: start(),
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: INDENT_TWIPS * 2 * (level + 1), hanging: INDENT_TWIPS } } },
  }));
}

function bulletDefinition(): { reference: string; levels: ILevelsOptions[] } {
  return {
    reference: 'folio-bullets',
    levels: levels(
      LevelFormat.BULLET,
      (level) => BULLETS[level % BULLETS.length] as string,
      () => 1,
    ),
  };
}

/** One definition per first number (a list uses only its own level of it). */
function numberDefinition(start: number): { reference: string; levels: ILevelsOptions[] } {
  return {
    reference: `folio-numbers-from-${start}`,
    levels: levels(
      LevelFormat.DECIMAL,
      (level) => `%${level + 1}.`,
      () => start,
    ),
  };
}
