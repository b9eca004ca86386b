/**
 * The small JSON beside the three converted files that lets Folio load them as one model:
 * which file is the decoder, the projector and the Partial LoRA adapter, and where the adapter
 * applies (image tokens only, at scale 1).
 */
export const MANIFEST_NAME = 'folio-model.json';

export interface ConvertedManifest {
  format: 'folio-converted-model';
  version: 1;
  name: string;
  family: 'internlm-xcomposer2';
  decoder: string;
  projector: string;
  adapter: { file: string; appliesTo: 'image-tokens'; scale: number };
  imageSize: number;
  imageTokens: number;
  type: string;
  source: { checkpoint: string; weightFiles: string[]; weightBytes: number };
}

export function manifestJson(manifest: ConvertedManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
