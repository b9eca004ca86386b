/**
 * Names what a non-GGUF file probably is, from its first bytes, so the error can say
 * "it looks like a web page" (a failed download saved as .gguf is the common case). Only the
 * kind ever leaves this function, never the bytes: errors reach every open page, and the path
 * may name any readable file (a password file included).
 */
export function sniffFileKind(head: Buffer): string {
  const ascii = head.toString('latin1');
  if (ascii.startsWith('\x89PNG')) return 'a PNG image';
  if (head[0] === 0xff && head[1] === 0xd8) return 'a JPEG image';
  if (ascii.startsWith('PK\x03\x04')) return 'a ZIP archive';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'a gzip archive';
  if (ascii.startsWith('%PDF')) return 'a PDF document';
  if (ascii.startsWith('\x7fELF') || ascii.startsWith('MZ')) return 'a program, not a model';
  if (ascii.startsWith('version https://git-lfs')) return 'a Git LFS pointer, not the model itself';
  if (/^\s*<(!doctype|html|\?xml)/i.test(ascii)) return 'a web page, perhaps a failed download';
  if (/^\s*[{[]/.test(ascii)) return 'a JSON text file';
  // safetensors: uint64 header length, then a JSON object.
  if (head.length >= 9 && head[8] === 0x7b && head.readUInt32LE(4) === 0) return 'a safetensors file (convert it to GGUF first)';
  if (ascii.startsWith('ggjt') || ascii.startsWith('tjgg') || ascii.startsWith('ggml') || ascii.startsWith('lmgg')) {
    return 'an old GGML model from before GGUF';
  }
  if (head.length > 0 && isText(head)) return 'a text file';
  return 'some other kind of file';
}

function isText(head: Buffer): boolean {
  // Control bytes other than tab, newline, carriage return and form feed mean binary.
  if (head.some((byte) => (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) || byte === 0x7f)) return false;
  // A cut multi-byte character at the end of the head is still text.
  return (head.toString('utf8').match(/\ufffd/g)?.length ?? 0) <= 1;
}
