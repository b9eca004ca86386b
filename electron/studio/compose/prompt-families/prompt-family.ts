/**
 * How one model is asked everything Folio asks it, chosen once when the model loads
 * (`promptFamilyFor`): every step builds its question through the family, and nothing outside
 * a family's folder knows which family it is. A family owns its wording, its chat markers and
 * its tokenisation: the prompt it returns is exactly what the engine gets.
 *
 * Two families: `studio` (Folio's own English prompts, in the GGUF's chat format) and
 * `xcomposer2` (InternLM-XComposer2 asked exactly as its released code asks it). A third family
 * (say XComposer2.5's article LoRA) is one more folder beside these and one line in
 * pick-prompt-family.ts.
 */
import type { ImageInput, OutputConstraint, PromptPart } from '../../../../native-models/engines/engine';
import type { ChatPrompt } from '../../../../native-models/prompts/chat-format';
import type { ArticleBlock } from '../prompts/article-text';
import type { PlacedPicture } from '../prompts/choose-prompt';
import type { ParagraphEdit } from '../prompts/edit-prompts';
import type { Outline } from '../prompts/outline';
import type { AskInput } from '../../../../native-models/prompts/ask-prompt';

/** A question as the engine gets it. */
export interface ModelPrompt {
  /**
   * Exactly what the engine evaluates: text in the model's chat format, token ids where the
   * model's own tokenizer and llama.cpp's would differ, pictures in place. Computed when asked
   * for (a chat template renders on a worker), so a too-long question is refused first.
   */
  parts(): Promise<PromptPart[]>;
  /**
   * The same question as a conversation: what a server that formats chats itself gets
   * (openai-compatible), and what tests and logs read.
   */
  chat: ChatPrompt;
}

/** A prompt with the shape its answer must have and how to read it. */
export interface ConstrainedPrompt<T> {
  prompt: ModelPrompt;
  constraint: OutputConstraint;
  /** The answer read; null when it cannot be (cut off). */
  read(answer: string): T | null;
}

/** A title chosen before, and the paragraph its picture follows. */
export interface EarlierTitle {
  afterParagraph: number;
  title: string;
}

/** One paragraph edit with what the families show around it. */
export interface EditRequest {
  /** The article around the paragraph, paragraphs tagged <SegN> (the studio family shows it). */
  article: string;
  paragraph: string;
  /** The paragraphs just before and after, '' at either end (XComposer2's insert shows them). */
  previous: string;
  next: string;
  edit: ParagraphEdit;
}

/** A multiple-choice benchmark question. */
export interface EvalQuestion {
  question: string;
  hint?: string;
  options: Array<{ letter: string; text: string }>;
  picture?: { bytes: Uint8Array; mimeType: string };
}

export interface PromptFamily {
  readonly name: 'studio' | 'xcomposer2';
  /** The token that ends the model's turn: generation stops on it. */
  readonly turnEnd: string;
  /**
   * The side the model's own image processor resizes every picture to (a square, stretched),
   * when the family resizes pictures itself rather than leaving it to the engine's projector.
   */
  readonly pictureSize?: number;
  /** A question about zero or more pictures, maybe about the writer's article (Ask, `folio ask`, serve). */
  ask(input: AskInput): ModelPrompt;
  /** A whole conversation as a client sent it (/v1/chat/completions): system turn, history, pictures in place. */
  chat(conversation: ChatPrompt): ModelPrompt;
  /** A library caption: what a writer would type to find the picture again. */
  caption(image: ImageInput): ModelPrompt;
  /** A library search typed in another script, as a short English phrase (Folio's own request). */
  searchPhrase(text: string): ModelPrompt;
  /** The article from an outline or an instruction, seeing the reference pictures. */
  write(outline: Outline, references: readonly ImageInput[]): ModelPrompt;
  /** After which paragraphs pictures go: `count` null lets the model decide. */
  place(blocks: readonly ArticleBlock[], count: number | null, references: readonly ImageInput[]): ConstrainedPrompt<number[]>;
  /** What the picture after a paragraph shows; the answer starts after an opening quote and ends at the closing one. */
  title(blocks: readonly ArticleBlock[], paragraphIndex: number, earlier: readonly EarlierTitle[]): ModelPrompt;
  /** Which candidate fits after a paragraph; the answer is one of the labels A, B, ... */
  choose(
    blocks: readonly ArticleBlock[],
    paragraphIndex: number,
    title: string,
    placed: readonly PlacedPicture[],
    candidates: readonly ImageInput[],
  ): ModelPrompt;
  /** A figure's caption and alt text, as JSON {caption, alt}. */
  figureCaption(context: string, title: string, image: ImageInput): ModelPrompt;
  /** A paragraph rewritten, expanded, shortened, or a new one before or after it. */
  edit(request: EditRequest): ModelPrompt;
  /** A benchmark question, answered with one option letter. */
  evalQuestion(question: EvalQuestion): ConstrainedPrompt<string>;
}
