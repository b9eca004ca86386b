import type { ChatContent, ChatPrompt, ImageInput, PromptPart } from '../engines/engine';
import { BoundedWorker } from '../bounded-worker';
import type { TemplateJob } from './template-job';

/**
 * Chat formatting: turns a conversation into the exact prompt a model was trained on.
 * A GGUF's own `tokenizer.chat_template` wins when it has one and renders; otherwise the
 * InternLM2 / XComposer2 format is used:
 *   [UNUSED_TOKEN_146]system\n{meta}[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]user\n{query}[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n
 * The beginning-of-sequence token is not written here: the tokenizer adds it (add_bos_token),
 * and writing it too would give the model two.
 */

// The conversation is part of an engine request (CompletionRequest.chat): its types live there.
export type { ChatPrompt, ChatTurn } from '../engines/engine';

export interface ChatFormat {
  kind: 'gguf-template' | 'internlm2';
  /** The token that opens a turn, e.g. `[UNUSED_TOKEN_146]` or `<|im_start|>`. */
  turnStart: string;
  /** The token that ends a turn; generation stops on it. */
  turnEnd: string;
  template?: string;
  bosToken?: string;
  eosToken?: string;
}

/** What the chat format needs to know about a decoder, read from its GGUF header. */
export interface TokenizerFacts {
  tokens: readonly string[];
  chatTemplate?: string | null;
  bosTokenId?: number;
  eosTokenId?: number;
  /** Whether the tokenizer puts the BOS token in front of every prompt (`add_bos_token`). */
  addBos?: boolean;
  /** Piece scores and types (GGUF's token_type: 1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte). */
  scores?: readonly number[];
  types?: readonly number[];
  /** SentencePiece's add_dummy_prefix (`tokenizer.ggml.add_space_prefix`); llama.cpp's default for SPM is true. */
  addSpacePrefix?: boolean;
  /** `tokenizer.ggml.model`: 'llama' for SentencePiece vocabularies. */
  tokenizerModel?: string;
}

const LEGACY_TURN = { turnStart: '[UNUSED_TOKEN_146]', turnEnd: '[UNUSED_TOKEN_145]' };
const CHATML_TURN = { turnStart: '<|im_start|>', turnEnd: '<|im_end|>' };

/**
 * A model file's template runs in a process of its own with a time and a memory limit (it is a
 * program from outside: `range(1000000000)` killed the process that rendered it, and on a worker
 * thread still ended the whole process, see native-models/thread-channel.ts). A template
 * that fails, in the probe or later, is not tried again in this process: Folio's own InternLM2
 * format is used instead, as for a model without one.
 */
const templates = new BoundedWorker<TemplateJob, string>(import.meta.url, 'template-worker', {
  timeMs: 5_000,
  memoryMb: 256,
  isolation: 'process',
});
const refusedTemplates = new Set<string>();

/** Picks the chat format for a decoder: its own template if present and it renders, else InternLM2's. */
export async function chatFormatFor(facts: TokenizerFacts): Promise<ChatFormat> {
  const vocab = new Set(facts.tokens);
  const turn = vocab.has(CHATML_TURN.turnStart) && !vocab.has(LEGACY_TURN.turnStart) ? CHATML_TURN : LEGACY_TURN;
  const bosToken = facts.bosTokenId === undefined ? undefined : facts.tokens[facts.bosTokenId];
  const eosToken = facts.eosTokenId === undefined ? undefined : facts.tokens[facts.eosTokenId];
  if (facts.chatTemplate && (await templateRenders(facts.chatTemplate))) {
    const endToken = vocab.has(CHATML_TURN.turnEnd) ? CHATML_TURN.turnEnd : turn.turnEnd;
    return { kind: 'gguf-template', ...turn, turnEnd: endToken, template: facts.chatTemplate, bosToken, eosToken };
  }
  return { kind: 'internlm2', ...turn, bosToken, eosToken };
}

/** The InternLM2 format itself, for callers that know no tokenizer (tests, remote servers). */
export const INTERNLM2_FORMAT: ChatFormat = { kind: 'internlm2', ...LEGACY_TURN };

// A marker writer text will not contain (Unicode private use), so images survive template rendering in place.
const IMAGE_MARK = '\uE000folio-image-';
const IMAGE_MARK_END = '\uE001';
const IMAGE_MARK_PATTERN = /\uE000folio-image-(\d+)\uE001/g;

/** Renders a conversation to prompt parts, images kept in place. */
export async function formatChat(format: ChatFormat, prompt: ChatPrompt): Promise<PromptPart[]> {
  const images: ImageInput[] = [];
  const turns = prompt.turns.map((turn) => ({ role: turn.role, content: flattenContent(turn.content, images) }));
  const rendered = format.kind === 'gguf-template' && format.template ? await renderTemplate(format, turns) : null;
  const text = rendered ?? renderInternLM2(format, turns);
  return splitImages(text + (prompt.answerPrefix ?? ''), images);
}

function flattenContent(content: ChatContent, images: ImageInput[]): string {
  if (typeof content === 'string') return content;
  return content
    .map((piece) => {
      if (typeof piece === 'string') return piece;
      images.push(piece);
      return `${IMAGE_MARK}${images.length - 1}${IMAGE_MARK_END}`;
    })
    .join('');
}

function renderInternLM2(format: ChatFormat, turns: Array<{ role: string; content: string }>): string {
  const rendered = turns.map((turn) => `${format.turnStart}${turn.role}\n${turn.content}${format.turnEnd}\n`).join('');
  return `${rendered}${format.turnStart}assistant\n`;
}

/** The template's text, or null when it cannot be used (it failed now or before). */
async function renderTemplate(format: ChatFormat, turns: Array<{ role: string; content: string }>): Promise<string | null> {
  const template = format.template as string;
  if (refusedTemplates.has(template)) return null;
  let text: string;
  try {
    text = await templates.run({ template, messages: turns, bosToken: format.bosToken ?? '', eosToken: format.eosToken ?? '' });
  } catch {
    refusedTemplates.add(template);
    return null;
  }
  // A template that leaves out what was said (nothing at all, or a turn dropped, as one that
  // hides from the load-time probe does) cannot be used: the model would be asked nothing.
  if (turns.some((turn) => turn.content.trim() && !text.includes(turn.content.trim()))) return null;
  // Templates usually start with the BOS token; the tokenizer adds it already.
  if (format.bosToken && text.startsWith(format.bosToken)) text = text.slice(format.bosToken.length);
  return text;
}

function splitImages(text: string, images: ImageInput[]): PromptPart[] {
  const parts: PromptPart[] = [];
  let last = 0;
  for (const match of text.matchAll(IMAGE_MARK_PATTERN)) {
    const index = match.index ?? 0;
    if (index > last) parts.push({ type: 'text', text: text.slice(last, index) });
    const image = images[Number(match[1])];
    if (image) parts.push({ type: 'image', image });
    last = index + match[0].length;
  }
  if (last < text.length) parts.push({ type: 'text', text: text.slice(last) });
  return parts;
}

async function templateRenders(template: string): Promise<boolean> {
  if (refusedTemplates.has(template)) return false;
  try {
    await templates.run({ template, messages: [{ role: 'user', content: 'x' }], bosToken: '', eosToken: '' });
    return true;
  } catch {
    refusedTemplates.add(template);
    return false;
  }
}
