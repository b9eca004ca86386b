/**
 * The picture type from a file's first bytes: PNG, JPEG, GIF or WebP, else null. One definition
 * for every layer (the engines, the library, the project assets), so they agree on what a
 * picture is.
 */
export function sniffImageType(bytes: Uint8Array): string | null {
  const starts = (...signature: number[]): boolean => signature.every((value, index) => bytes[index] === value);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45) return 'image/webp';
  return null;
}
