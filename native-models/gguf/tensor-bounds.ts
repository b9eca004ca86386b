/**
 * Checks that every tensor the header declares lies inside the file. llama.cpp mmaps the
 * data and would read past the end of a truncated download (crash, or garbage); catching it
 * here turns that into "download it again".
 */
import type { GgufHeader } from './gguf-reader';
import { modelFileErrors } from './model-file-errors';

/** Bytes of tensor data the header declares (unknown-size types counted from their offset only). */
export function declaredDataBytes(header: GgufHeader): number {
  let end = 0;
  for (const t of header.tensors) end = Math.max(end, t.offset + (t.byteSize ?? 0));
  return end;
}

export function checkTensorBounds(header: GgufHeader): void {
  const available = header.fileSize - header.dataOffset;
  for (const tensor of header.tensors) {
    // A type with unknown block size is checked conservatively: at least its first byte.
    const end = tensor.offset + (tensor.byteSize ?? 1);
    if (end > available) {
      throw modelFileErrors.truncated(
        header.path,
        `tensor ${tensor.name} (${tensor.typeName} [${tensor.dims.join(', ')}]) ends at data offset ${end}, ` +
          `but the file holds ${Math.max(available, 0)} bytes of tensor data (file ${header.fileSize} bytes, data starts at ${header.dataOffset})`,
      );
    }
  }
}
