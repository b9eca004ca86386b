/**
 * Reads the header of a GGUF file (metadata and tensor infos), never the tensor data.
 *
 * Every count and length in the header is checked against what the rest of the file could
 * possibly hold, and against sane caps, before anything is allocated: a damaged or hostile
 * file yields a typed `ModelError`, not an out-of-memory crash.
 */
import { openModelFile } from './check-model-file';
import { FileCursor } from './file-cursor';
import { ggmlTensorBytes, ggmlTypeName } from './ggml-types';
import { GGUF_DEFAULT_ALIGNMENT, GGUF_MAGIC, alignUp, valueTypeName, type GgufScalar, type GgufValue } from './gguf-format';
import { modelFileErrors } from './model-file-errors';
import { sniffFileKind } from './sniff-file-kind';

export interface GgufTensorInfo {
  name: string;
  /** ggml order: dims[0] is the row length. */
  dims: number[];
  typeId: number;
  typeName: string;
  /** Offset from the start of the data section. */
  offset: number;
  /** Bytes of data, or undefined when the type's block layout is unknown. */
  byteSize: number | undefined;
}

export interface GgufHeader {
  path: string;
  fileSize: number;
  version: number;
  alignment: number;
  metadata: Map<string, GgufValue>;
  tensors: GgufTensorInfo[];
  /** Absolute offset where tensor data starts. */
  dataOffset: number;
}

/** Far above any real model, far below what would exhaust memory. */
const GGUF_READ_LIMITS = {
  tensors: 1 << 20,
  metadataEntries: 1 << 20,
  stringBytes: 16 * 1024 * 1024,
  arrayItems: 1 << 24,
  dims: 4,
};

// Smallest possible encodings, used to reject counts the remaining bytes cannot hold.
const MIN_METADATA_ENTRY_BYTES = 8 + 4 + 1;
const MIN_TENSOR_INFO_BYTES = 8 + 4 + 8 + 4 + 8;

export async function readGgufHeader(filePath: string): Promise<GgufHeader> {
  const file = await openModelFile(filePath);
  try {
    const cursor = new FileCursor(file.handle, file.size, (detail) => modelFileErrors.truncated(filePath, detail));
    return await parseHeader(filePath, cursor);
  } finally {
    await file.close();
  }
}

async function parseHeader(filePath: string, cursor: FileCursor): Promise<GgufHeader> {
  const corrupt = (detail: string) => modelFileErrors.corrupt(filePath, detail);

  const head = await peekHead(cursor);
  if (cursor.fileSize < 4 || head.readUInt32LE(0) !== GGUF_MAGIC) {
    const kind = sniffFileKind(head);
    throw modelFileErrors.notGguf(filePath, `${filePath}: no GGUF signature; it looks like ${kind}`, kind);
  }
  await cursor.ensure(4 + 4 + 8 + 8);
  cursor.u32();
  const version = cursor.u32();
  checkVersion(filePath, version);
  const tensorCount = cursor.u64AsNumber();
  const metadataCount = cursor.u64AsNumber();
  if (metadataCount > GGUF_READ_LIMITS.metadataEntries || metadataCount * MIN_METADATA_ENTRY_BYTES > cursor.remaining) {
    throw corrupt(`metadata count ${metadataCount} cannot fit in ${cursor.remaining} remaining bytes`);
  }
  if (tensorCount > GGUF_READ_LIMITS.tensors || tensorCount * MIN_TENSOR_INFO_BYTES > cursor.remaining) {
    throw corrupt(`tensor count ${tensorCount} cannot fit in ${cursor.remaining} remaining bytes`);
  }

  const metadata = new Map<string, GgufValue>();
  for (let i = 0; i < metadataCount; i++) {
    const key = await readString(cursor, corrupt, 64 * 1024);
    if (metadata.has(key)) throw corrupt(`duplicate metadata key ${key}`);
    await cursor.ensure(4);
    const typeId = cursor.u32();
    const type = valueTypeName(typeId);
    if (!type) throw corrupt(`metadata ${key} has unknown value type ${typeId}`);
    metadata.set(key, type === 'array' ? await readArray(cursor, corrupt, key) : await readScalar(cursor, type, corrupt));
  }

  const alignment = readAlignment(metadata, corrupt);
  const tensors: GgufTensorInfo[] = [];
  const names = new Set<string>();
  for (let i = 0; i < tensorCount; i++) {
    const tensor = await readTensorInfo(cursor, corrupt, alignment);
    if (names.has(tensor.name)) throw corrupt(`duplicate tensor ${tensor.name}`);
    names.add(tensor.name);
    tensors.push(tensor);
  }
  const dataOffset = alignUp(cursor.position, alignment);
  return { path: filePath, fileSize: cursor.fileSize, version, alignment, metadata, tensors, dataOffset };
}

async function peekHead(cursor: FileCursor): Promise<Buffer> {
  const bytes = Math.min(64, cursor.fileSize);
  await cursor.ensure(bytes);
  const head = cursor.bytes(bytes);
  cursor.position = 0;
  return head;
}

function checkVersion(filePath: string, version: number): void {
  if (version === 2 || version === 3) return;
  const detail = `${filePath}: GGUF version field ${version}`;
  if (version === 1) throw modelFileErrors.unsupportedVersion(filePath, 'version 1 (from 2023)', detail);
  const swapped = Buffer.alloc(4);
  swapped.writeUInt32BE(version);
  if ([2, 3].includes(swapped.readUInt32LE(0))) {
    throw modelFileErrors.unsupportedVersion(filePath, 'big-endian byte order', detail);
  }
  throw modelFileErrors.unsupportedVersion(filePath, `version ${version}`, detail);
}

type Corrupt = (detail: string) => Error;

async function readString(cursor: FileCursor, corrupt: Corrupt, maxBytes = GGUF_READ_LIMITS.stringBytes): Promise<string> {
  if (!cursor.has(8)) await cursor.ensure(8);
  const length = cursor.u64AsNumber();
  if (length > maxBytes || length > cursor.remaining) {
    throw corrupt(`string of ${length} bytes at offset ${cursor.position - 8} (limit ${maxBytes}, ${cursor.remaining} bytes left)`);
  }
  if (!cursor.has(length)) await cursor.ensure(length);
  return cursor.utf8(length);
}

const FIXED_SIZES: Record<string, number> = { u8: 1, i8: 1, bool: 1, u16: 2, i16: 2, u32: 4, i32: 4, f32: 4, u64: 8, i64: 8, f64: 8 };

async function readScalar(cursor: FileCursor, type: string, corrupt: Corrupt): Promise<GgufScalar> {
  if (type === 'string') return readString(cursor, corrupt);
  const size = FIXED_SIZES[type]!;
  if (!cursor.has(size)) await cursor.ensure(size);
  return readFixed(cursor, type);
}

function readFixed(cursor: FileCursor, type: string): GgufScalar {
  switch (type) {
    case 'u8':
      return cursor.u8();
    case 'i8':
      return cursor.i8();
    case 'bool':
      return cursor.u8() !== 0;
    case 'u16':
      return cursor.u16();
    case 'i16':
      return cursor.i16();
    case 'u32':
      return cursor.u32();
    case 'i32':
      return cursor.i32();
    case 'f32':
      return cursor.f32();
    case 'u64':
      return cursor.u64();
    case 'i64':
      return cursor.i64();
    default:
      return cursor.f64();
  }
}

async function readArray(cursor: FileCursor, corrupt: Corrupt, key: string): Promise<GgufScalar[]> {
  await cursor.ensure(4 + 8);
  const itemTypeId = cursor.u32();
  const itemType = valueTypeName(itemTypeId);
  const count = cursor.u64AsNumber();
  if (!itemType || itemType === 'array') throw corrupt(`metadata ${key}: unsupported array item type ${itemTypeId}`);
  const minItemBytes = itemType === 'string' ? 8 : FIXED_SIZES[itemType]!;
  if (count > GGUF_READ_LIMITS.arrayItems || count * minItemBytes > cursor.remaining) {
    throw corrupt(`metadata ${key}: array of ${count} items cannot fit in ${cursor.remaining} remaining bytes`);
  }
  const items: GgufScalar[] = new Array<GgufScalar>(count);
  if (itemType === 'string') {
    for (let i = 0; i < count; i++) items[i] = await readString(cursor, corrupt);
  } else {
    // In slices, so a huge (but in-bounds) array never needs one huge read buffer.
    const perSlice = Math.max(1, Math.floor((64 * 1024) / minItemBytes));
    for (let i = 0; i < count; i++) {
      if (i % perSlice === 0) await cursor.ensure(Math.min(perSlice, count - i) * minItemBytes);
      items[i] = readFixed(cursor, itemType);
    }
  }
  return items;
}

function readAlignment(metadata: Map<string, GgufValue>, corrupt: Corrupt): number {
  const value = metadata.get('general.alignment');
  if (value === undefined) return GGUF_DEFAULT_ALIGNMENT;
  if (typeof value !== 'number' || value <= 0 || !Number.isInteger(value) || (value & (value - 1)) !== 0) {
    throw corrupt(`general.alignment is ${String(value)}, not a power of two`);
  }
  return value;
}

async function readTensorInfo(cursor: FileCursor, corrupt: Corrupt, alignment: number): Promise<GgufTensorInfo> {
  const name = await readString(cursor, corrupt, 64 * 1024);
  await cursor.ensure(4);
  const nDims = cursor.u32();
  if (nDims < 1 || nDims > GGUF_READ_LIMITS.dims) throw corrupt(`tensor ${name} has ${nDims} dimensions`);
  await cursor.ensure(nDims * 8 + 4 + 8);
  const dims: number[] = [];
  let elements = 1;
  for (let d = 0; d < nDims; d++) {
    const dim = cursor.u64AsNumber();
    elements *= dim;
    if (!Number.isSafeInteger(elements)) throw corrupt(`tensor ${name} has absurd dimensions`);
    dims.push(dim);
  }
  const typeId = cursor.u32();
  const offset = cursor.u64AsNumber();
  if (!Number.isSafeInteger(offset) || offset % alignment !== 0) {
    throw corrupt(`tensor ${name} has offset ${offset}, not a multiple of the alignment ${alignment}`);
  }
  return { name, dims, typeId, typeName: ggmlTypeName(typeId), offset, byteSize: ggmlTensorBytes(typeId, dims) };
}
