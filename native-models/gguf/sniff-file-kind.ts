/**
 * Names what a non-GGUF file probably is, from its first bytes, so the error can say
 * "it looks like a web page" (a failed download saved as .gguf is the common case).
 */
export function sniffFileKind(head: Buffer): string | undefined {
  const ascii = head.toString('latin1');
  if (ascii.startsWith('\x89PNG')) return 'a PNG image';
  if (head[0] === 0xff && head[1] === 0xd8) return 'a JPEG image';
  if (ascii.startsWith('PK\x03\x04')) return 'a ZIP archive';
  if (ascii.startsWith('version https://git-lfs')) return 'a Git LFS pointer, not the model itself';
  if (/^\s*<(!doctype|html|\?xml)/i.test(ascii)) return 'a web page, perhaps a failed download';
  if (/^\s*[{[]/.test(ascii)) return 'a JSON text file';
  // safetensors: uint64 header length, then a JSON object.
  if (head.length >= 9 && head[8] === 0x7b && head.readUInt32LE(4) === 0) return 'a safetensors file (convert it to GGUF first)';
  if (ascii.startsWith('ggjt') || ascii.startsWith('tjgg') || ascii.startsWith('ggml') || ascii.startsWith('lmgg')) {
    return 'an old GGML model from before GGUF';
  }
  return undefined;
}
