import { splitArticle } from './split-article';
import { withoutControlCharacters } from './without-control-characters';
import type { ArticleBlock } from './prompts/article-text';

/**
 * The article text as the writer has seen it stream, across the write step's answers: what a
 * stop or a failure keeps. A follow-up answer starts again at the heading of the first section
 * the previous answer left empty; that heading is on the page already, so the follow-up's copy
 * of it is not streamed twice and the page reads as one article.
 */
export class StreamedArticle {
  private shown = '';
  /** The follow-up's opening still to be matched against the heading already shown, or null. */
  private repeat: string | null = null;
  private held = '';
  /** U+FFFD at the end of what arrived: a character the token limit may have cut, shown only once more text follows. */
  private cut = '';

  constructor(private readonly emit: (textDelta: string) => void) {}

  /** Text streamed so far, as shown. */
  get text(): string {
    return this.shown + this.held;
  }

  /** The blocks of everything shown so far (text held back is not: it repeats a heading shown already, or is a cut character). */
  blocks(): ArticleBlock[] {
    return splitArticle(this.shown, Number.POSITIVE_INFINITY).filter((block) => block.text !== '');
  }

  /** Model text arrived. */
  push(modelText: string): void {
    // Shown as the document will hold it (splitArticle leaves them out too).
    const textDelta = withoutControlCharacters(modelText);
    if (this.repeat === null) return this.show(textDelta);
    this.held += textDelta;
    if (this.held.length < this.repeat.length && this.repeat.startsWith(this.held)) return;
    const repeated = this.held.startsWith(this.repeat);
    const rest = repeated ? this.held.slice(this.repeat.length) : `\n\n${this.held}`;
    this.repeat = null;
    this.held = '';
    this.show(rest);
  }

  /**
   * A follow-up answer starts at the heading of `section` (0-based among the headings): when the
   * page ends on that heading, its repeat is swallowed, else the follow-up starts a new block.
   */
  followUpFrom(section: number): void {
    this.repeat = null;
    this.held = '';
    // The answer before was cut off: the follow-up writes that part again.
    this.cut = '';
    const tail = headingTail(this.shown, section);
    if (tail) this.repeat = tail;
    else this.show('\n\n');
  }

  private show(text: string): void {
    const arrived = this.cut + text;
    const shown = arrived.replace(/\uFFFD+$/, '');
    this.cut = arrived.slice(shown.length);
    if (!shown) return;
    this.shown += shown;
    this.emit(shown);
  }
}

/** The text from the start of the `section`-th heading block to the end (trailing space dropped), or '' when there is no such heading. */
function headingTail(text: string, section: number): string {
  const separator = /\n\s*\n/g;
  let start = 0;
  let headings = -1;
  for (;;) {
    const match = separator.exec(text);
    const end = match ? match.index : text.length;
    const block = text.slice(start, end);
    if (/^\s*#{1,6}(?:\s|$)/.test(block) && ++headings === section) return text.slice(start).trim();
    if (!match) return '';
    start = match.index + match[0].length;
  }
}
