/**
 * Lists the tensors of a torch.save file (`pytorch_model-0000x-of-0000y.bin`): a zip holding
 * `<name>/data.pkl` (the state dict, pickled) and `<name>/data/<key>` (each storage's raw
 * bytes). The pickle goes through the restricted unpickler, which accepts only the globals a
 * state dict needs; storages are never read here, only located.
 */
import path from 'node:path';
import { checkpointCorrupt, checkpointUnsafe } from './checkpoint-errors';
import { ForbiddenGlobalError, PickleFormatError, PickleTuple, unpickle, type PickleCallable } from './restricted-unpickler';
import { DTYPE_BYTES, elementCount, type SourceDType, type TensorRecord } from './tensor-record';
import { ZipDirectory, ZipFormatError } from './zip-directory';

/**
 * A state dict's pickle lists names, shapes and storage keys: about 150 bytes a tensor, 100 KB
 * for a 7B shard. Anything this large is not one, and is refused before it is read (a stored
 * 2 GB data.pkl took 1.9 GB first).
 */
const MAX_PICKLE_BYTES = 8 * 1024 * 1024;

/** torch's legacy storage class names, which torch ≥ 1.13 still writes for typed storages. */
const STORAGE_DTYPES: Record<string, SourceDType> = {
  FloatStorage: 'F32',
  HalfStorage: 'F16',
  BFloat16Storage: 'BF16',
  DoubleStorage: 'F64',
  LongStorage: 'I64',
  IntStorage: 'I32',
  ShortStorage: 'I16',
  CharStorage: 'I8',
  ByteStorage: 'U8',
  BoolStorage: 'BOOL',
};

/** A storage class named in a persistent id: a marker of the dtype, never called. */
class StorageType implements PickleCallable {
  constructor(
    readonly global: string,
    readonly dtype: SourceDType,
  ) {}
  call(): never {
    throw new PickleFormatError(`${this.global} is a storage type, not a function`);
  }
}

class StorageRef {
  constructor(
    readonly dtype: SourceDType,
    readonly key: string,
    readonly numel: number,
  ) {}
}

class TensorRef {
  constructor(
    readonly storage: StorageRef,
    readonly offset: number,
    readonly shape: readonly number[],
    readonly stride: readonly number[],
  ) {}
}

export function readTorchBin(file: string): TensorRecord[] {
  let zip: ZipDirectory;
  try {
    zip = ZipDirectory.open(file);
  } catch (error) {
    throw damaged(file, error);
  }
  try {
    const pickleEntry = [...zip.entries.values()].find((e) => e.name.endsWith('/data.pkl') || e.name === 'data.pkl');
    if (!pickleEntry) throw checkpointCorrupt(`${path.basename(file)} is not a PyTorch weights file (it holds no data.pkl).`, file);
    const prefix = pickleEntry.name.slice(0, -'data.pkl'.length);
    const root = unpickleStateDict(zip.read(pickleEntry, MAX_PICKLE_BYTES), file);
    const records: TensorRecord[] = [];
    for (const [name, value] of root) {
      if (typeof name !== 'string' || !(value instanceof TensorRef)) {
        throw checkpointCorrupt(`${path.basename(file)} holds something other than named tensors.`, `${file}: entry ${String(name)}`);
      }
      records.push(locate(zip, prefix, name, value, file));
    }
    return records;
  } catch (error) {
    throw damaged(file, error);
  } finally {
    zip.close();
  }
}

function unpickleStateDict(bytes: Buffer, file: string): Map<unknown, unknown> {
  const root = unpickle(bytes, {
    resolveGlobal: (module, name) => resolveTorchGlobal(module, name),
    persistentLoad: (pid) => {
      const items = pid instanceof PickleTuple ? pid.items : [];
      const [kind, type, key, , numel] = items;
      if (kind !== 'storage' || !(type instanceof StorageType) || typeof key !== 'string' || !isCount(numel)) {
        throw new PickleFormatError('a persistent id that is not a storage');
      }
      return new StorageRef(type.dtype, key, numel);
    },
  });
  if (!(root instanceof Map)) throw checkpointCorrupt(`${path.basename(file)} does not hold a state dict.`, file);
  return root;
}

function resolveTorchGlobal(module: string, name: string): PickleCallable {
  const global = `${module}.${name}`;
  const callable = (call: (args: readonly unknown[]) => unknown): PickleCallable => ({ global, call });
  if (module === 'collections' && name === 'OrderedDict') return callable(() => new Map());
  const storageDType = module === 'torch' ? STORAGE_DTYPES[name] : undefined;
  if (storageDType) return new StorageType(global, storageDType);
  if (module === 'torch._utils' && name === '_rebuild_tensor_v2') return callable(rebuildTensor);
  if (module === 'torch._utils' && name === '_rebuild_parameter') return callable((args) => args[0]);
  throw new ForbiddenGlobalError(global);
}

function rebuildTensor(args: readonly unknown[]): TensorRef {
  const [storage, offset, size, stride] = args;
  // Offsets, sizes and strides are counts: NaN, fractions, negatives (an offset of -1000 read zip
  // and pickle bytes as weights) and numbers past 2^53 are refused here, before any use.
  const ints = (value: unknown): number[] | undefined =>
    value instanceof PickleTuple && value.items.length <= MAX_DIMENSIONS && value.items.every(isCount)
      ? (value.items as number[])
      : undefined;
  const shape = ints(size);
  const strides = ints(stride);
  if (!(storage instanceof StorageRef) || !isCount(offset) || !shape || !strides || strides.length !== shape.length) {
    throw new PickleFormatError('a tensor record without a whole, non-negative storage offset, size and stride');
  }
  if (!Number.isSafeInteger(elementCount(shape))) throw new PickleFormatError(`a tensor of ${shape.join('×')} values`);
  return new TensorRef(storage, offset, shape, strides);
}

function locate(zip: ZipDirectory, prefix: string, name: string, tensor: TensorRef, file: string): TensorRecord {
  const contiguous = contiguousStrides(tensor.shape);
  if (tensor.shape.length > 0 && tensor.stride.some((s, i) => tensor.shape[i] !== 1 && s !== contiguous[i])) {
    throw checkpointCorrupt(
      `${name} in ${path.basename(file)} is not stored contiguously; re-save the checkpoint with transformers.`,
      `${file}: stride ${tensor.stride.join(',')}`,
    );
  }
  const entry = zip.entries.get(`${prefix}data/${tensor.storage.key}`);
  if (!entry)
    throw checkpointCorrupt(
      `${path.basename(file)} is damaged: the data of ${name} is missing.`,
      `${file}: no storage ${tensor.storage.key}`,
    );
  const bytesPerElement = DTYPE_BYTES[tensor.storage.dtype];
  const count = elementCount(tensor.shape);
  const byteLength = count * bytesPerElement;
  const start = tensor.offset * bytesPerElement;
  // Inside the storage the pickle declares, and the storage inside its zip entry.
  if (
    tensor.offset + count > tensor.storage.numel ||
    tensor.storage.numel * bytesPerElement > entry.size ||
    start + byteLength > entry.size
  ) {
    throw checkpointCorrupt(
      `${path.basename(file)} is damaged: ${name} runs past its storage.`,
      `${file}: storage ${tensor.storage.key} has ${entry.size} bytes`,
    );
  }
  return { name, dtype: tensor.storage.dtype, shape: tensor.shape, file, byteOffset: zip.dataOffset(entry) + start, byteLength };
}

/** The most dimensions a weight has (a patch embedding has four). */
const MAX_DIMENSIONS = 8;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) strides[i] = strides[i + 1]! * shape[i + 1]!;
  return strides;
}

function damaged(file: string, error: unknown): unknown {
  if (error instanceof ForbiddenGlobalError) return checkpointUnsafe(error.global, file);
  if (error instanceof ZipFormatError || error instanceof PickleFormatError) {
    return checkpointCorrupt(`${path.basename(file)} is damaged or incomplete (was the download cut short?).`, `${file}: ${error.message}`);
  }
  return error;
}
