/**
 * Reads a SentencePiece `tokenizer.model` (a protobuf ModelProto) without a protobuf library:
 * only the pieces (text, score, type) and the normalizer's add_dummy_prefix are needed.
 * Field numbers from sentencepiece_model.proto.
 */
import { checkpointCorrupt } from './checkpoint-errors';

/** SentencePiece's piece types; GGUF's token_type uses the same numbers. */
export const PieceType = { normal: 1, unknown: 2, control: 3, userDefined: 4, unused: 5, byte: 6 } as const;

interface SentencePiece {
  piece: string;
  score: number;
  type: number;
}

export interface SentencePieceModel {
  pieces: SentencePiece[];
  addDummyPrefix: boolean;
}

export function parseSentencePieceModel(bytes: Buffer, file: string): SentencePieceModel {
  try {
    const pieces: SentencePiece[] = [];
    let addDummyPrefix = true;
    for (const field of fields(bytes)) {
      if (field.number === 1 && field.bytes) pieces.push(parsePiece(field.bytes));
      if (field.number === 3 && field.bytes) {
        for (const inner of fields(field.bytes)) if (inner.number === 3 && inner.value !== undefined) addDummyPrefix = inner.value !== 0;
      }
    }
    if (pieces.length === 0) throw new Error('no pieces');
    return { pieces, addDummyPrefix };
  } catch (error) {
    throw checkpointCorrupt('tokenizer.model is damaged or is not a SentencePiece model.', `${file}: ${(error as Error).message}`);
  }
}

function parsePiece(bytes: Buffer): SentencePiece {
  const piece: SentencePiece = { piece: '', score: 0, type: PieceType.normal };
  for (const field of fields(bytes)) {
    if (field.number === 1 && field.bytes) piece.piece = field.bytes.toString('utf8');
    else if (field.number === 2 && field.fixed32) piece.score = field.fixed32.readFloatLE(0);
    else if (field.number === 3 && field.value !== undefined) piece.type = field.value;
  }
  return piece;
}

interface Field {
  number: number;
  value?: number;
  bytes?: Buffer;
  fixed32?: Buffer;
}

function* fields(bytes: Buffer): Generator<Field> {
  let at = 0;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    // Protobuf varints are at most 10 bytes; past 2^53 a number is no length or count of ours.
    for (let length = 0; length < 10; length++) {
      if (at >= bytes.length) throw new Error('truncated varint');
      const byte = bytes[at++]!;
      result += (byte & 0x7f) * scale;
      if (!(byte & 0x80)) {
        if (!Number.isSafeInteger(result)) throw new Error('varint past 2^53');
        return result;
      }
      scale *= 128;
    }
    throw new Error('varint longer than 10 bytes');
  };
  while (at < bytes.length) {
    const key = varint();
    const number = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) yield { number, value: varint() };
    else if (wire === 1) at += 8;
    else if (wire === 2) {
      const length = varint();
      if (at + length > bytes.length) throw new Error('truncated field');
      yield { number, bytes: bytes.subarray(at, at + length) };
      at += length;
    } else if (wire === 5) {
      if (at + 4 > bytes.length) throw new Error('truncated field');
      yield { number, fixed32: bytes.subarray(at, at + 4) };
      at += 4;
    } else throw new Error(`wire type ${wire}`);
  }
}
