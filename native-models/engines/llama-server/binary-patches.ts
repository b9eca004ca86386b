import { readFile, stat } from 'node:fs/promises';

const MARKER = Buffer.from('FOLIO_IMAGE_LORA');

/** Answers by binary (path, size and time): the binary is 15 MB, and a load should not read it again. */
const known = new Map<string, boolean>();

/**
 * Whether this llama-server was built with our partial-lora patch: the patch is the only thing
 * that reads FOLIO_IMAGE_LORA, so the name is in the binary exactly when the patch is. A server
 * from elsewhere (FOLIO_LLAMA_SERVER_BIN) would otherwise run the model without its adapter.
 */
export async function supportsImageAdapter(binary: string): Promise<boolean> {
  const { size, mtimeMs } = await stat(binary);
  const key = `${binary}\0${size}\0${mtimeMs}`;
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  const supported = (await readFile(binary)).includes(MARKER);
  known.set(key, supported);
  return supported;
}
