import { readFile } from 'node:fs/promises';

const MARKER = Buffer.from('FOLIO_IMAGE_LORA');

/**
 * Whether this llama-server was built with our partial-lora patch: the patch is the only thing
 * that reads FOLIO_IMAGE_LORA, so the name is in the binary exactly when the patch is. A server
 * from elsewhere (FOLIO_LLAMA_SERVER_BIN) would otherwise run the model without its adapter.
 */
export async function supportsImageAdapter(binary: string): Promise<boolean> {
  return (await readFile(binary)).includes(MARKER);
}
