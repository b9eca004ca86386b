/**
 * A decoder's SentencePiece vocabulary, read from its GGUF header, tokenising text two ways:
 * as the model's own tokenizer does (`sentencePiece`: SentencePiece over a whole text, its dummy
 * prefix once at the start, user-defined pieces matched whole inside it) and as llama.cpp does
 * (`llamaCpp`: the text first split at every special piece, then a `▁` before each fragment that
 * starts the text or follows a special piece when add_space_prefix is on; llama-vocab.cpp,
 * `tokenizer_st_partition` and the SPM branch of `tokenize_impl`). Where the two differ, a prompt
 * must reach the engine as token ids.
 */
import type { TokenizerFacts } from '../prompts/chat-format';
import { SentencePieceEncoder } from './sentencepiece-encoder';

/** GGUF token types that llama.cpp matches in text before tokenising the rest (parse_special). */
const SPECIAL_TYPES = new Set([2, 3, 4]);

export class ModelVocabulary {
  private readonly encoder: SentencePieceEncoder;
  /** Special pieces, longest first, as llama.cpp tries them. */
  private readonly specials: Array<{ text: string; id: number }>;

  private constructor(
    readonly tokens: readonly string[],
    types: readonly number[],
    scores: readonly number[],
    /** The BOS id, when the vocabulary has one. */
    readonly bosId: number | undefined,
    /** Whether the tokenizer starts a prompt with BOS (`add_bos_token`). */
    readonly addBos: boolean,
    /** SentencePiece's add_dummy_prefix. */
    readonly addSpacePrefix: boolean,
  ) {
    this.encoder = new SentencePieceEncoder({ tokens, scores });
    this.specials = tokens
      .map((text, id) => ({ text, id }))
      .filter(({ text, id }) => text.length > 0 && SPECIAL_TYPES.has(types[id] ?? 1))
      .sort((a, b) => new TextEncoder().encode(b.text).length - new TextEncoder().encode(a.text).length);
  }

  /** The vocabulary of a SentencePiece ('llama') decoder; null for other tokenizers or a header without scores. */
  static from(facts: TokenizerFacts): ModelVocabulary | null {
    if (facts.tokenizerModel !== 'llama' || !facts.scores || !facts.types || facts.scores.length !== facts.tokens.length) return null;
    return new ModelVocabulary(
      facts.tokens,
      facts.types,
      facts.scores,
      facts.bosTokenId,
      facts.addBos ?? true,
      facts.addSpacePrefix ?? true,
    );
  }

  idOf(piece: string): number | undefined {
    return this.encoder.idOf(piece);
  }

  /**
   * The model's own tokenizer on one text: SentencePiece over all of it, the dummy prefix once at
   * its start (even before a leading whole piece, where it is a `▁` of its own), each of
   * `wholePieces` (the model's user-defined pieces) matched whole wherever it occurs. No BOS.
   */
  sentencePiece(text: string, wholePieces: readonly string[]): number[] {
    if (text.length === 0) return [];
    const ids: number[] = [];
    let rest = this.addSpacePrefix ? ` ${text}` : text;
    for (;;) {
      const next = firstOccurrence(rest, wholePieces);
      if (!next) break;
      ids.push(...this.encoder.encode(rest.slice(0, next.at)));
      ids.push(this.idOf(next.piece) as number);
      rest = rest.slice(next.at + next.piece.length);
    }
    ids.push(...this.encoder.encode(rest));
    return ids;
  }

  /** llama.cpp's tokenisation of `text` with special pieces parsed, BOS first when `addSpecial` and the model adds one. */
  llamaCpp(text: string, addSpecial: boolean): number[] {
    type Fragment = { text: string } | { id: number };
    let fragments: Fragment[] = [{ text }];
    for (const special of this.specials) {
      fragments = fragments.flatMap((fragment): Fragment[] => {
        if (!('text' in fragment) || !fragment.text.includes(special.text)) return [fragment];
        const pieces = fragment.text.split(special.text);
        return pieces.flatMap((piece, index): Fragment[] => [
          ...(index > 0 ? [{ id: special.id }] : []),
          ...(piece.length > 0 ? [{ text: piece }] : []),
        ]);
      });
    }
    const ids: number[] = addSpecial && this.addBos && this.bosId !== undefined ? [this.bosId] : [];
    let afterSpecial = true;
    for (const fragment of fragments) {
      if ('id' in fragment) {
        ids.push(fragment.id);
        afterSpecial = true;
        continue;
      }
      ids.push(...this.encoder.encode(this.addSpacePrefix && afterSpecial ? ` ${fragment.text}` : fragment.text));
      afterSpecial = false;
    }
    return ids;
  }
}

function firstOccurrence(text: string, pieces: readonly string[]): { at: number; piece: string } | null {
  let best: { at: number; piece: string } | null = null;
  for (const piece of pieces) {
    const at = text.indexOf(piece);
    if (at >= 0 && (!best || at < best.at || (at === best.at && piece.length > best.piece.length))) best = { at, piece };
  }
  return best;
}
