/**
 * Writes GGUF v3 files, streaming tensor data in bounded chunks so a 2 GB benchmark model
 * never sits in memory. The file appears atomically: everything goes to a temporary file in
 * the same folder, which is renamed over the target only when complete.
 */
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { encodeF16, encodeF32, encodeQ8_0, Q8_0_BLOCK_BYTES, Q8_0_BLOCK_VALUES } from './ggml-encode';
import { planGgufLayout, type GgufTensorSpec, type GgufWriteSpec, type PlannedTensor } from './gguf-layout';

export type { GgufTensorSpec, GgufTensorType, GgufWriteSpec } from './gguf-layout';
export type { GgufMetadataEntry } from './gguf-format';

export interface GgufWriteOptions {
  /** Bytes produced per fill call (rounded down to whole blocks). @default 4 MiB */
  chunkBytes?: number;
}

export interface GgufWriteResult {
  path: string;
  fileSize: number;
  dataOffset: number;
}

const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;

export async function writeGguf(filePath: string, spec: GgufWriteSpec, options: GgufWriteOptions = {}): Promise<GgufWriteResult> {
  const layout = planGgufLayout(spec);
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const tempPath = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const handle = await open(tempPath, 'w');
  try {
    let position = 0;
    const write = async (bytes: Buffer): Promise<void> => {
      let done = 0;
      while (done < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
        done += bytesWritten;
      }
      position += bytes.length;
    };
    await write(layout.header);
    for (const tensor of layout.tensors) {
      const start = layout.dataOffset + tensor.offset;
      if (position < start) await write(Buffer.alloc(start - position)); // alignment padding
      await writeTensorData(tensor, chunkBytes, write);
    }
    if (position !== layout.fileSize) {
      throw new Error(`GGUF writer produced ${position} bytes, planned ${layout.fileSize}`);
    }
    await handle.close();
    await rename(tempPath, filePath);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(tempPath, { force: true });
    throw error;
  }
  return { path: filePath, fileSize: layout.fileSize, dataOffset: layout.dataOffset };
}

interface Encoding {
  valuesPerUnit: number;
  bytesPerUnit: number;
  encode: (values: Float32Array, out: Buffer) => void;
}

const ENCODINGS: Record<GgufTensorSpec['type'], Encoding> = {
  F32: { valuesPerUnit: 1, bytesPerUnit: 4, encode: encodeF32 },
  F16: { valuesPerUnit: 1, bytesPerUnit: 2, encode: encodeF16 },
  Q8_0: { valuesPerUnit: Q8_0_BLOCK_VALUES, bytesPerUnit: Q8_0_BLOCK_BYTES, encode: encodeQ8_0 },
};

async function writeTensorData(tensor: PlannedTensor, chunkBytes: number, write: (bytes: Buffer) => Promise<void>): Promise<void> {
  const spec = tensor.spec;
  const encoding = ENCODINGS[spec.type];
  // Chunks hold whole blocks so fill callbacks never see a split Q8_0 block.
  const unitsPerChunk = Math.max(1, Math.floor(chunkBytes / encoding.bytesPerUnit));
  const totalUnits = tensor.byteSize / encoding.bytesPerUnit;
  const chunk = Buffer.alloc(Math.min(unitsPerChunk, totalUnits) * encoding.bytesPerUnit);
  const values = 'fill' in spec ? new Float32Array(Math.min(unitsPerChunk, totalUnits) * encoding.valuesPerUnit) : null;

  for (let unit = 0; unit < totalUnits; unit += unitsPerChunk) {
    const units = Math.min(unitsPerChunk, totalUnits - unit);
    const out = chunk.subarray(0, units * encoding.bytesPerUnit);
    if ('fill' in spec) {
      const view = values!.subarray(0, units * encoding.valuesPerUnit);
      view.fill(0);
      spec.fill(view, unit * encoding.valuesPerUnit);
      encoding.encode(view, out);
    } else {
      out.fill(0);
      spec.fillBytes(out, unit * encoding.bytesPerUnit);
    }
    await write(out);
  }
}
