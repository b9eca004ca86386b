/**
 * Writes torch.save-shaped shards (a stored zip of `archive/data.pkl` and `archive/data/<key>`)
 * from tensors, with the numbers a hostile file would lie about under the test's control: a
 * tensor's storage offset (any number, NaN and fractions too), instructions before the state
 * dict, a data.pkl padded with a hole to gigabytes (a sparse file: no disk used), and a zip64
 * directory size claim. Written from the zip and pickle formats (APPNOTE.TXT, pickletools), so
 * it shares no code with the reader it tests.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { SourceDType, TensorRecord } from '../../native-models/convert/tensor-record';

export interface StoredTensor {
  name: string;
  dtype: SourceDType;
  shape: readonly number[];
  data: Buffer;
}

export interface TorchZipTweaks {
  /** The storage offset written for a tensor (undefined: 0). Whole numbers as BININT, others as BINFLOAT. */
  offset?: (name: string) => number | undefined;
  /** Pickle instructions run before the state dict is built (their result is popped). */
  before?: Buffer;
  /** data.pkl padded with a hole to this many bytes. */
  storedPickleBytes?: number;
  /** The central directory size the zip64 end record claims. */
  claimedDirectoryBytes?: number;
}

const STORAGE: Partial<Record<SourceDType, string>> = { F32: 'FloatStorage', F16: 'HalfStorage', BF16: 'BFloat16Storage' };

/** A shard's tensors with their bytes, read plainly from where a reader located them. */
export function tensorsOf(records: readonly TensorRecord[]): StoredTensor[] {
  return records.map((record) => {
    const fd = openSync(record.file, 'r');
    try {
      const data = Buffer.alloc(record.byteLength);
      readSync(fd, data, 0, record.byteLength, record.byteOffset);
      return { name: record.name, dtype: record.dtype, shape: record.shape, data };
    } finally {
      closeSync(fd);
    }
  });
}

export function writeTorchZip(file: string, tensors: readonly StoredTensor[], tweaks: TorchZipTweaks = {}): void {
  const entries: Array<{ name: string; data: Buffer; size?: number }> = [
    {
      name: 'archive/data.pkl',
      data: statePickle(tensors, tweaks),
      ...(tweaks.storedPickleBytes ? { size: tweaks.storedPickleBytes } : {}),
    },
    ...tensors.map((tensor, key) => ({ name: `archive/data/${key}`, data: tensor.data })),
    { name: 'archive/version', data: Buffer.from('3\n') },
  ];
  const fd = openSync(file, 'w');
  let at = 0;
  const put = (bytes: Buffer, position = at): void => {
    writeSync(fd, bytes, 0, bytes.length, position);
    at = Math.max(at, position + bytes.length);
  };
  try {
    const central: Buffer[] = [];
    for (const entry of entries) {
      const size = entry.size ?? entry.data.length;
      const name = Buffer.from(entry.name);
      const zip64 = size >= 0xffffffff || at >= 0xffffffff;
      const extra = zip64 ? zip64Extra(size, at) : Buffer.alloc(0);
      const local = header(0x04034b50, [
        [2, 45],
        [2, 0],
        [2, 0],
        [4, 0],
        [4, crc32(entry.data)],
        [4, zip64 ? 0xffffffff : size],
        [4, zip64 ? 0xffffffff : size],
        [2, name.length],
        [2, extra.length],
      ]);
      const offset = at;
      put(Buffer.concat([local, name, extra]));
      put(entry.data);
      // A hole up to the claimed size: zeros that take no disk.
      if (size > entry.data.length) put(Buffer.alloc(1), offset + local.length + name.length + extra.length + size - 1);
      central.push(
        Buffer.concat([
          header(0x02014b50, [
            [2, 45],
            [2, 45],
            [2, 0],
            [2, 0],
            [4, 0],
            [4, crc32(entry.data)],
            [4, zip64 ? 0xffffffff : size],
            [4, zip64 ? 0xffffffff : size],
            [2, name.length],
            [2, extra.length],
            [2, 0],
            [2, 0],
            [2, 0],
            [4, 0],
            [4, zip64 ? 0xffffffff : offset],
          ]),
          name,
          extra,
        ]),
      );
    }
    const directory = Buffer.concat(central);
    const directoryOffset = at;
    put(directory);
    if (tweaks.claimedDirectoryBytes !== undefined) {
      const record = at;
      const zip64End = Buffer.alloc(56);
      zip64End.writeUInt32LE(0x06064b50, 0);
      zip64End.writeBigUInt64LE(44n, 4);
      zip64End.writeUInt16LE(45, 12);
      zip64End.writeUInt16LE(45, 14);
      zip64End.writeBigUInt64LE(BigInt(entries.length), 24);
      zip64End.writeBigUInt64LE(BigInt(entries.length), 32);
      zip64End.writeBigUInt64LE(BigInt(tweaks.claimedDirectoryBytes), 40);
      zip64End.writeBigUInt64LE(BigInt(directoryOffset), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(record), 8);
      locator.writeUInt32LE(1, 16);
      put(Buffer.concat([zip64End, locator]));
    }
    put(
      header(0x06054b50, [
        [2, 0],
        [2, 0],
        [2, entries.length],
        [2, entries.length],
        [4, directory.length],
        [4, directoryOffset],
        [2, 0],
      ]),
    );
  } finally {
    closeSync(fd);
  }
}

/** `OrderedDict([(name, _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())), ...])`, protocol 2. */
function statePickle(tensors: readonly StoredTensor[], tweaks: TorchZipTweaks): Buffer {
  const out: Buffer[] = [Buffer.from([0x80, 2])];
  const op = (...bytes: number[]): void => void out.push(Buffer.from(bytes));
  const text = (value: string): void => {
    const bytes = Buffer.from(value);
    op(0x58, ...u32(bytes.length));
    out.push(bytes);
  };
  const global = (module: string, name: string): void => void out.push(Buffer.from(`c${module}\n${name}\n`));
  const number = (value: number): void => {
    if (Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31) {
      const bytes = Buffer.alloc(4);
      bytes.writeInt32LE(value);
      op(0x4a, ...bytes);
    } else if (Number.isSafeInteger(value)) {
      const bytes = Buffer.alloc(8);
      bytes.writeBigInt64LE(BigInt(value));
      op(0x8a, 8, ...bytes);
    } else {
      const bytes = Buffer.alloc(8);
      bytes.writeDoubleBE(value);
      op(0x47, ...bytes);
    }
  };
  const tuple = (values: readonly number[]): void => {
    op(0x28);
    values.forEach(number);
    op(0x74);
  };
  if (tweaks.before) {
    out.push(tweaks.before);
    op(0x30); // POP: whatever it built is not the state dict
  }
  global('collections', 'OrderedDict');
  op(0x29, 0x52, 0x28); // EMPTY_TUPLE REDUCE MARK
  tensors.forEach((tensor, key) => {
    const count = tensor.shape.reduce((n, d) => n * d, 1);
    text(tensor.name);
    global('torch._utils', '_rebuild_tensor_v2');
    op(0x28); // the arguments
    op(0x28);
    text('storage');
    global('torch', STORAGE[tensor.dtype] ?? 'FloatStorage');
    text(String(key));
    text('cpu');
    number(count);
    op(0x74, 0x51); // TUPLE BINPERSID
    number(tweaks.offset?.(tensor.name) ?? 0);
    tuple(tensor.shape);
    tuple(tensor.shape.map((_, i) => tensor.shape.slice(i + 1).reduce((n, d) => n * d, 1)));
    op(0x89); // False
    global('collections', 'OrderedDict');
    op(0x29, 0x52, 0x74, 0x52); // EMPTY_TUPLE REDUCE, TUPLE, REDUCE
  });
  op(0x75, 0x2e); // SETITEMS STOP
  return Buffer.concat(out);
}

/** `[0] * count` built with one APPENDS: EMPTY_LIST MARK BININT1 0 … APPENDS. */
export function listOfZeros(count: number): Buffer {
  return Buffer.concat([Buffer.from([0x5d, 0x28]), Buffer.alloc(count * 2, Buffer.from([0x4b, 0])), Buffer.from([0x65])]);
}

function zip64Extra(size: number, offset: number): Buffer {
  const extra = Buffer.alloc(28);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(24, 2);
  extra.writeBigUInt64LE(BigInt(size), 4);
  extra.writeBigUInt64LE(BigInt(size), 12);
  extra.writeBigUInt64LE(BigInt(offset), 20);
  return extra;
}

function header(signature: number, fields: Array<[2 | 4, number]>): Buffer {
  const bytes = Buffer.alloc(4 + fields.reduce((n, [width]) => n + width, 0));
  bytes.writeUInt32LE(signature, 0);
  let at = 4;
  for (const [width, value] of fields) {
    if (width === 2) bytes.writeUInt16LE(value, at);
    else bytes.writeUInt32LE(value >>> 0, at);
    at += width;
  }
  return bytes;
}

function u32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
