import { Template } from '@huggingface/jinja';
import type { ChatContent, ChatPrompt, ImageInput, PromptPart } from '../engines/engine';

/**
 * Chat formatting: turns a conversation into the exact prompt a model was trained on.
 * A GGUF's own `tokenizer.chat_template` wins when it has one and renders; otherwise the
 * InternLM2 / XComposer2 format is used:
 *   [UNUSED_TOKEN_146]system\n{meta}[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]user\n{query}[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n
 * The beginning-of-sequence token is not written here: the tokenizer adds it (add_bos_token),
 * and writing it too would give the model two.
 */

// The conversation is part of an engine request (CompletionRequest.chat): its types live there.
export type { ChatContent, ChatPrompt, ChatTurn } from '../engines/engine';

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
}

const LEGACY_TURN = { turnStart: '[UNUSED_TOKEN_146]', turnEnd: '[UNUSED_TOKEN_145]' };
const CHATML_TURN = { turnStart: '<|im_start|>', turnEnd: '<|im_end|>' };

/** Picks the chat format for a decoder: its own template if present, else InternLM2's. */
export function chatFormatFor(facts: TokenizerFacts): ChatFormat {
  const vocab = new Set(facts.tokens);
  const turn = vocab.has(CHATML_TURN.turnStart) && !vocab.has(LEGACY_TURN.turnStart) ? CHATML_TURN : LEGACY_TURN;
  const bosToken = facts.bosTokenId === undefined ? undefined : facts.tokens[facts.bosTokenId];
  const eosToken = facts.eosTokenId === undefined ? undefined : facts.tokens[facts.eosTokenId];
  if (facts.chatTemplate && templateRenders(facts.chatTemplate)) {
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
export function formatChat(format: ChatFormat, prompt: ChatPrompt): PromptPart[] {
  const images: ImageInput[] = [];
  const turns = prompt.turns.map((turn) => ({ role: turn.role, content: flattenContent(turn.content, images) }));
  const text = format.kind === 'gguf-template' && format.template ? renderTemplate(format, turns) : renderInternLM2(format, turns);
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

function renderTemplate(format: ChatFormat, turns: Array<{ role: string; content: string }>): string {
  let text = new Template(format.template as string).render({
    messages: turns,
    add_generation_prompt: true,
    bos_token: format.bosToken ?? '',
    eos_token: format.eosToken ?? '',
  });
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

function templateRenders(template: string): boolean {
  try {
    new Template(template).render({
      messages: [{ role: 'user', content: 'x' }],
      add_generation_prompt: true,
      bos_token: '',
      eos_token: '',
    });
    return true;
  } catch {
    return false;
  }
}
