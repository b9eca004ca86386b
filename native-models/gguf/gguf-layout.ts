/**
 * Lays out a GGUF file before any tensor data is produced: encodes the header (metadata and
 * tensor infos) and computes where each tensor's bytes go. The streaming writer and the
 * broken-file fixtures both start from this.
 */
import { ByteBuilder } from './byte-builder';
import { ggmlTensorBytes, ggmlTypeByName } from './ggml-types';
import {
  GGUF_DEFAULT_ALIGNMENT,
  GGUF_MAGIC,
  GGUF_VERSION,
  GgufValueType,
  alignUp,
  type GgufMetadataEntry,
  type GgufScalar,
  type GgufScalarTypeName,
} from './gguf-format';

/** Tensor types the writer can produce. */
export type GgufTensorType = 'F32' | 'F16' | 'Q8_0';

interface TensorBase {
  name: string;
  /** ggml order: dims[0] is the row length (innermost). */
  dims: readonly number[];
  type: GgufTensorType;
}

/** Produce values as floats; the writer encodes them to `type`. Called with increasing `startElement`. */
export interface TensorFromValues extends TensorBase {
  fill: (values: Float32Array, startElement: number) => void;
}

/** Produce already-encoded bytes (fast path for big files); chunks start on block boundaries. */
interface TensorFromBytes extends TensorBase {
  fillBytes: (chunk: Buffer, startByte: number) => void;
}

export type GgufTensorSpec = TensorFromValues | TensorFromBytes;

export interface GgufWriteSpec {
  metadata: readonly GgufMetadataEntry[];
  tensors: readonly GgufTensorSpec[];
  /** Data alignment in bytes; stored as `general.alignment` when not the default 32. */
  alignment?: number;
}

export interface PlannedTensor {
  spec: GgufTensorSpec;
  /** Offset from the start of the data section. */
  offset: number;
  byteSize: number;
}

export interface GgufLayout {
  header: Buffer;
  /** Absolute file offset of the data section (header plus padding). */
  dataOffset: number;
  tensors: PlannedTensor[];
  /** Size of the complete file. */
  fileSize: number;
  alignment: number;
}

export function planGgufLayout(spec: GgufWriteSpec): GgufLayout {
  const alignment = spec.alignment ?? GGUF_DEFAULT_ALIGNMENT;
  if (!Number.isInteger(alignment) || alignment <= 0 || (alignment & (alignment - 1)) !== 0) {
    throw new Error(`GGUF alignment must be a power of two, got ${alignment}`);
  }
  const metadata = withAlignmentKey(spec.metadata, alignment);
  checkUnique(
    metadata.map((m) => m.key),
    'metadata key',
  );
  checkUnique(
    spec.tensors.map((t) => t.name),
    'tensor name',
  );

  let cursor = 0;
  const tensors = spec.tensors.map((tensor): PlannedTensor => {
    const byteSize = tensorByteSize(tensor);
    const planned = { spec: tensor, offset: cursor, byteSize };
    cursor = alignUp(cursor + byteSize, alignment);
    return planned;
  });

  const out = new ByteBuilder();
  out.u32(GGUF_MAGIC);
  out.u32(GGUF_VERSION);
  out.u64(tensors.length);
  out.u64(metadata.length);
  for (const entry of metadata) writeEntry(out, entry);
  for (const t of tensors) {
    out.string(t.spec.name);
    out.u32(t.spec.dims.length);
    for (const d of t.spec.dims) out.u64(d);
    out.u32(ggmlTypeByName(t.spec.type)!.id);
    out.u64(t.offset);
  }
  const dataOffset = alignUp(out.size, alignment);
  out.zeros(dataOffset - out.size);
  const last = tensors.at(-1);
  const fileSize = dataOffset + (last ? last.offset + last.byteSize : 0);
  return { header: out.toBuffer(), dataOffset, tensors, fileSize, alignment };
}

function tensorByteSize(tensor: GgufTensorSpec): number {
  const { name, dims, type } = tensor;
  if (dims.length < 1 || dims.length > 4 || dims.some((d) => !Number.isSafeInteger(d) || d < 1)) {
    throw new Error(`tensor ${name}: dims must be 1 to 4 positive integers, got [${dims.join(', ')}]`);
  }
  const traits = ggmlTypeByName(type);
  if (!traits) throw new Error(`tensor ${name}: unsupported type ${type}`);
  const size = ggmlTensorBytes(traits.id, dims);
  if (size === undefined) {
    throw new Error(`tensor ${name}: row length ${dims[0]} is not a multiple of ${traits.blockSize} (${type})`);
  }
  return size;
}

function withAlignmentKey(metadata: readonly GgufMetadataEntry[], alignment: number): GgufMetadataEntry[] {
  const hasKey = metadata.some((m) => m.key === 'general.alignment');
  if (hasKey || alignment === GGUF_DEFAULT_ALIGNMENT) return [...metadata];
  return [...metadata, { key: 'general.alignment', type: 'u32', value: alignment }];
}

function checkUnique(names: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new Error(`duplicate ${what}: ${name}`);
    seen.add(name);
  }
}

function writeEntry(out: ByteBuilder, entry: GgufMetadataEntry): void {
  out.string(entry.key);
  if (entry.type === 'array') {
    out.u32(GgufValueType.array);
    out.u32(GgufValueType[entry.itemType]);
    out.u64(entry.value.length);
    for (const item of entry.value) writeScalar(out, entry.itemType, item, entry.key);
  } else {
    out.u32(GgufValueType[entry.type]);
    writeScalar(out, entry.type, entry.value, entry.key);
  }
}

function writeScalar(out: ByteBuilder, type: GgufScalarTypeName, value: GgufScalar, key: string): void {
  const wrongType = (): never => {
    throw new Error(`metadata ${key}: ${JSON.stringify(String(value))} is not a valid ${type}`);
  };
  if (type === 'string') return typeof value === 'string' ? out.string(value) : wrongType();
  if (type === 'bool') return typeof value === 'boolean' ? out.u8(value ? 1 : 0) : wrongType();
  if (type === 'u64' || type === 'i64') {
    if (typeof value !== 'number' && typeof value !== 'bigint') wrongType();
    return type === 'u64' ? out.u64(value as number | bigint) : out.i64(value as number | bigint);
  }
  if (typeof value !== 'number') return wrongType();
  out[type](value);
}
