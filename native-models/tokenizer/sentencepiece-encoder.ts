/**
 * SentencePiece's encoding of one run of text into token ids, as llama.cpp's SPM tokenizer does
 * it (llama-vocab.cpp, `llm_tokenizer_spm_session`, read to learn the algorithm): the text's
 * characters are merged pairwise, always the adjacent pair whose union is the highest-scoring
 * piece of the vocabulary (the leftmost on a tie), until no pair forms a piece; a character that
 * is not a piece becomes its UTF-8 bytes (`<0xXX>`). That is SentencePiece's BPE; for the Unigram models
 * Folio meets (scores that prefer longer pieces) it gives SentencePiece's segmentation too, which
 * the tests check against the sentencepiece library. Spaces become `▁` first, as SentencePiece's
 * identity normalizer does; adding a dummy prefix is the caller's business.
 */
import { MinHeap } from './min-heap';

export interface PieceVocabulary {
  /** Pieces in id order. */
  readonly tokens: readonly string[];
  readonly scores: readonly number[];
}

interface CharacterRun {
  text: string;
  prev: number;
  next: number;
  /** False once merged into its left neighbour. */
  live: boolean;
}

interface Bigram {
  left: number;
  right: number;
  score: number;
  text: string;
}

export class SentencePieceEncoder {
  private readonly ids = new Map<string, number>();
  private readonly bytes: number[] = [];

  constructor(private readonly vocabulary: PieceVocabulary) {
    // llama.cpp's text -> id table keeps the last of duplicate pieces.
    vocabulary.tokens.forEach((piece, id) => this.ids.set(piece, id));
    for (let byte = 0; byte < 256; byte++) {
      const id = this.ids.get(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`);
      this.bytes.push(id ?? -1);
    }
  }

  /** The id of a piece, or undefined. */
  idOf(piece: string): number | undefined {
    return this.ids.get(piece);
  }

  /** Token ids for `text` (spaces written as `▁`); nothing is added before or after it. */
  encode(text: string): number[] {
    if (text.length === 0) return [];
    const symbols: CharacterRun[] = [...text.replaceAll(' ', '\u2581')].map((character, index, all) => ({
      text: character,
      prev: index - 1,
      next: index + 1 < all.length ? index + 1 : -1,
      live: true,
    }));
    // Highest score first; on a tie the leftmost pair.
    const queue = new MinHeap<Bigram>((a, b) => (a.score !== b.score ? b.score - a.score : a.left - b.left));
    const tryPair = (left: number, right: number): void => {
      if (left < 0 || right < 0) return;
      const joined = (symbols[left] as CharacterRun).text + (symbols[right] as CharacterRun).text;
      const id = this.ids.get(joined);
      if (id === undefined) return;
      queue.push({ left, right, score: this.vocabulary.scores[id] ?? 0, text: joined });
    };
    for (let index = 1; index < symbols.length; index++) tryPair(index - 1, index);
    for (let bigram = queue.pop(); bigram; bigram = queue.pop()) {
      const left = symbols[bigram.left] as CharacterRun;
      const right = symbols[bigram.right] as CharacterRun;
      // Stale: one side merged since this pair was queued.
      if (!left.live || !right.live || left.text + right.text !== bigram.text || left.next !== bigram.right) continue;
      left.text = bigram.text;
      right.live = false;
      left.next = right.next;
      if (right.next >= 0) (symbols[right.next] as CharacterRun).prev = bigram.left;
      tryPair(left.prev, bigram.left);
      tryPair(bigram.left, left.next);
    }
    // Every merge formed a piece, so what is not a piece is a single character: its UTF-8 bytes.
    const out: number[] = [];
    for (let index = 0; index >= 0 && index < symbols.length; index = (symbols[index] as CharacterRun).next) {
      const symbol = symbols[index] as CharacterRun;
      if (!symbol.live) continue;
      const id = this.ids.get(symbol.text);
      if (id !== undefined) out.push(id);
      else for (const byte of new TextEncoder().encode(symbol.text)) out.push(this.bytes[byte] ?? -1);
    }
    if (out.includes(-1)) throw new Error('the vocabulary has no byte pieces for a character it cannot spell');
    return out;
  }
}
