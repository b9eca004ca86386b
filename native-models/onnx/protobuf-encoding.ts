/**
 * The few protocol-buffer wire rules an ONNX file needs: varint keys and integers, length-
 * delimited fields (strings, bytes, nested messages) and packed repeated integers. A message is a
 * list of pieces whose lengths are known before any byte is written, so a 400 MB model can be
 * streamed to disk with one tensor's data in memory at a time.
 */

/** Bytes already encoded, or tensor data of a known length produced when it is written. */
type Piece = Uint8Array | { length: number; fill: () => Uint8Array };

export type Message = Piece[];

export function messageLength(message: Message): number {
  let length = 0;
  for (const piece of message) length += piece.length;
  return length;
}

function varint(value: number | bigint): Uint8Array {
  let rest = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    bytes.push(rest > 0n ? low | 0x80 : low);
  } while (rest > 0n);
  return Uint8Array.from(bytes);
}

const WIRE_VARINT = 0;
const WIRE_LENGTH = 2;
const WIRE_FIXED32 = 5;

const key = (field: number, wire: number): Uint8Array => varint((field << 3) | wire);

export function intField(field: number, value: number | bigint): Message {
  return [key(field, WIRE_VARINT), varint(value)];
}

export function floatField(field: number, value: number): Message {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setFloat32(0, value, true);
  return [key(field, WIRE_FIXED32), bytes];
}

export function stringField(field: number, value: string): Message {
  return bytesField(field, new TextEncoder().encode(value));
}

function bytesField(field: number, value: Uint8Array): Message {
  return [key(field, WIRE_LENGTH), varint(value.length), value];
}

/** A nested message (or lazily filled bytes) as one length-delimited field. */
export function messageField(field: number, message: Message): Message {
  return [key(field, WIRE_LENGTH), varint(messageLength(message)), ...message];
}

export function packedIntsField(field: number, values: ReadonlyArray<number | bigint>): Message {
  return messageField(
    field,
    values.map((value) => varint(value)),
  );
}

export function packedFloatsField(field: number, values: readonly number[]): Message {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, index) => view.setFloat32(index * 4, value, true));
  return bytesField(field, bytes);
}
