import path from 'node:path';

/**
 * The words in a picture's file name and folder, for full-text search: writers name files
 * "beach-sunset_2023.jpg" or "holidayPhotos/IMG_2041.JPG" and expect "sunset" or "holiday" to find them.
 */
export function fileNameWords(filePath: string): string {
  const name = path.basename(filePath, path.extname(filePath));
  const folder = path.basename(path.dirname(filePath));
  return `${splitWords(name)} ${splitWords(folder)}`.trim();
}

function splitWords(text: string): string {
  return text
    .replace(/(?<=\p{Ll})(?=\p{Lu})|(?<=\p{L})(?=\d)|(?<=\d)(?=\p{L})/gu, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');
}
