import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the test setup writes the generated tiny models (see test/global-setup.ts). */
const GENERATED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/generated');

export const fixture = (name: string): string => path.join(GENERATED_DIR, name);

export const TINY_DECODER = fixture('tiny-internlm2.gguf');
export const TINY_PROJECTOR = fixture('tiny-internvl-mmproj.gguf');
export const TINY_CLIP = fixture('tiny-clip');
