/**
 * A decoder's vocabulary must be able to spell any text a writer types, or llama.cpp fails at
 * the first character it cannot tokenize (llama-server answered "_Map_base::at" to every
 * request on a one-token vocabulary that loaded without a word). SentencePiece ('llama') and
 * byte-level BPE ('gpt2') vocabularies spell what their pieces miss byte by byte, so all 256
 * byte tokens must be there; every special token a file names must be inside the vocabulary.
 */
import type { GgufHeader } from './gguf-reader';
import { metaNumber, metaString } from './gguf-metadata';
import { modelFileErrors } from './model-file-errors';
import { ModelError } from '../errors';
import path from 'node:path';

const SPECIAL_TOKENS = ['bos', 'eos', 'eot', 'unknown', 'padding', 'sep', 'cls', 'mask'];

export function checkVocabulary(header: GgufHeader): void {
  const tokens = header.metadata.get('tokenizer.ggml.tokens');
  if (!Array.isArray(tokens)) return; // llama.cpp refuses a decoder without one itself, clearly
  const size = tokens.length;
  for (const name of SPECIAL_TOKENS) {
    const id = metaNumber(header.metadata, `tokenizer.ggml.${name}_token_id`);
    // -1 (or its u32 form) means "none" in llama.cpp's files.
    if (id === undefined || id === -1 || id === 0xffffffff) continue;
    if (!Number.isInteger(id) || id < 0 || id >= size)
      throw modelFileErrors.corrupt(
        header.path,
        `${header.path}: tokenizer.ggml.${name}_token_id ${id} is outside the ${size}-token vocabulary`,
      );
  }
  const missing = missingByteTokens(metaString(header.metadata, 'tokenizer.ggml.model'), new Set(tokens.map(String)));
  if (missing === 0) return;
  throw new ModelError(
    'file-corrupt',
    `This model's vocabulary cannot spell every text (it has ${size.toLocaleString('en')} token${size === 1 ? '' : 's'} and lacks ${missing} of the 256 byte tokens its tokenizer needs), so Folio cannot use it: ${path.basename(header.path)}`,
    `${header.path}: ${missing} byte tokens missing from tokenizer.ggml.tokens`,
  );
}

/** How many of the 256 byte tokens the tokenizer kind needs are absent (0 for kinds without them). */
function missingByteTokens(model: string | undefined, vocabulary: ReadonlySet<string>): number {
  const pieces = model === 'llama' ? sentencePieceBytes() : model === 'gpt2' ? byteLevelBytes() : [];
  return pieces.filter((piece) => !vocabulary.has(piece)).length;
}

/** SentencePiece's byte fallback pieces: <0x00> … <0xFF>. */
function sentencePieceBytes(): string[] {
  return Array.from({ length: 256 }, (_, byte) => `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`);
}

/**
 * Byte-level BPE spells byte b as one printable character: b itself where it is printable
 * ('!'..'~', '¡'..'¬', '®'..'ÿ'), else 256 plus its rank among the others (GPT-2's table).
 */
function byteLevelBytes(): string[] {
  const printable = (byte: number): boolean => (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || byte >= 0xae;
  let shifted = 0;
  return Array.from({ length: 256 }, (_, byte) => String.fromCodePoint(printable(byte) ? byte : 256 + shifted++));
}
