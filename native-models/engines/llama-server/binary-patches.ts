import { readFile, stat } from 'node:fs/promises';

/**
 * Which of our source patches a llama-server binary carries, read from text only the patch puts
 * in it: a server from elsewhere (FOLIO_LLAMA_SERVER_BIN) or an old build would otherwise run a
 * model without what it needs, silently.
 */
const MARKERS = {
  /** partial-lora-patch.ts: the only code that reads FOLIO_IMAGE_LORA. */
  imageAdapter: Buffer.from('FOLIO_IMAGE_LORA'),
  /** token-prompt-patch.ts: its error for a prompt with more media markers than pictures. */
  tokenPrompts: Buffer.from('the prompt has more media markers than multimodal_data'),
} as const;

export type BinaryPatch = keyof typeof MARKERS;

/** Answers by binary (path, size and time): the binary is 15 MB, and a load should not read it again. */
const known = new Map<string, Record<BinaryPatch, boolean>>();

export async function binaryHasPatch(binary: string, patch: BinaryPatch): Promise<boolean> {
  const { size, mtimeMs } = await stat(binary);
  const key = `${binary}\0${size}\0${mtimeMs}`;
  let found = known.get(key);
  if (!found) {
    const bytes = await readFile(binary);
    found = { imageAdapter: bytes.includes(MARKERS.imageAdapter), tokenPrompts: bytes.includes(MARKERS.tokenPrompts) };
    known.set(key, found);
  }
  return found[patch];
}
