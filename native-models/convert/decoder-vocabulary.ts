/**
 * The decoder's tokenizer metadata from tokenizer.model, as llama.cpp's InternLM2 conversion
 * builds it (pieces, scores, types; a "\x00" piece becomes 🐉 because C++ would read it as an
 * empty string; "[UNUSED..." pieces are marked unused), with one difference XComposer2 needs:
 * its chat markers [UNUSED_TOKEN_146] (turn start) and [UNUSED_TOKEN_145] (turn end) are
 * control tokens, and the turn end ends generation.
 */
import type { GgufMetadataEntry } from '../gguf/gguf-format';
import { notACheckpoint } from './checkpoint-errors';
import { PieceType, type SentencePieceModel } from './sentencepiece-model';

const TURN_START = '[UNUSED_TOKEN_146]';
const TURN_END = '[UNUSED_TOKEN_145]';

export interface DecoderVocabulary {
  metadata: GgufMetadataEntry[];
  turnEndId: number;
  turnStartId: number;
}

export function decoderVocabulary(
  model: SentencePieceModel,
  vocabSize: number,
  bosTokenId: number,
  padTokenId?: number,
): DecoderVocabulary {
  const tokens: string[] = [];
  const scores: number[] = [];
  const types: number[] = [];
  for (let id = 0; id < vocabSize; id++) {
    const piece = model.pieces[id];
    if (!piece) {
      // config.json's vocab_size may round the tokenizer up; the rows past it are never produced.
      tokens.push(`[PAD${id}]`);
      scores.push(-1000);
      types.push(PieceType.unused);
      continue;
    }
    let type: number = piece.type === PieceType.userDefined ? PieceType.normal : piece.type;
    if (piece.piece.startsWith('[UNUSED')) type = PieceType.unused;
    if (piece.piece === TURN_START || piece.piece === TURN_END) type = PieceType.control;
    tokens.push(piece.piece === '\u0000' ? '🐉' : piece.piece);
    scores.push(piece.score);
    types.push(type);
  }
  const turnEndId = tokens.indexOf(TURN_END);
  const turnStartId = tokens.indexOf(TURN_START);
  if (turnEndId < 0 || turnStartId < 0) {
    throw notACheckpoint(`tokenizer.model lacks XComposer2's chat markers ${TURN_START} and ${TURN_END}.`);
  }
  const unknownId = model.pieces.findIndex((p) => p.type === PieceType.unknown);
  const metadata: GgufMetadataEntry[] = [
    { key: 'tokenizer.ggml.model', type: 'string', value: 'llama' },
    { key: 'tokenizer.ggml.pre', type: 'string', value: 'default' },
    { key: 'tokenizer.ggml.tokens', type: 'array', itemType: 'string', value: tokens },
    { key: 'tokenizer.ggml.scores', type: 'array', itemType: 'f32', value: scores },
    { key: 'tokenizer.ggml.token_type', type: 'array', itemType: 'i32', value: types },
    { key: 'tokenizer.ggml.add_space_prefix', type: 'bool', value: model.addDummyPrefix },
    { key: 'tokenizer.ggml.bos_token_id', type: 'u32', value: bosTokenId },
    { key: 'tokenizer.ggml.eos_token_id', type: 'u32', value: turnEndId },
    { key: 'tokenizer.ggml.eot_token_id', type: 'u32', value: turnEndId },
    ...(unknownId >= 0 ? [{ key: 'tokenizer.ggml.unknown_token_id', type: 'u32', value: unknownId } as const] : []),
    ...(padTokenId !== undefined ? [{ key: 'tokenizer.ggml.padding_token_id', type: 'u32', value: padTokenId } as const] : []),
    { key: 'tokenizer.ggml.add_bos_token', type: 'bool', value: true },
    { key: 'tokenizer.ggml.add_eos_token', type: 'bool', value: false },
  ];
  return { metadata, turnEndId, turnStartId };
}
