/**
 * A picture the writer dropped, pasted or picked, into the project: checked by prepareImage
 * first (size, header, full decode: a broken or hostile file is refused with the reason), then
 * the original bytes stored as an asset named by their sha256.
 */
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from '../library/image-limits';
import { LibraryError } from '../library/library-error';
import { prepareImage } from '../library/prepare-image';
import { figure, type FigureNode, type Provenance } from './article-document';
import { storeAsset } from './project-assets';
import { ProjectError } from './project-error';
import type { AssetRecord, ProjectManifest } from './project-manifest';

export interface ImageToImport {
  bytes: Uint8Array;
  /** The dropped or picked file's name; none for a paste. */
  name?: string;
}

export interface ImportedPicture {
  assetId: string;
  record: AssetRecord;
  /** A figure showing the picture, ready to insert. */
  figure: FigureNode;
  width: number;
  height: number;
}

export async function importImage(
  projectDir: string,
  image: ImageToImport,
  provenance: Provenance = 'pasted',
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<ImportedPicture> {
  let prepared;
  try {
    prepared = await prepareImage({ bytes: image.bytes }, limits);
  } catch (error) {
    if (!(error instanceof LibraryError)) throw error;
    const named = image.name ? ` (${image.name})` : '';
    throw new ProjectError('image-refused', `${error.message}${named}.`.replace(/\.\.$/, '.'), error.detail);
  }
  const { assetId, mimeType } = await storeAsset(projectDir, image.bytes);
  const record: AssetRecord = {
    mimeType,
    byteSize: image.bytes.length,
    provenance,
    source: image.name ?? null,
    addedAt: new Date().toISOString(),
  };
  return { assetId, record, figure: figure({ assetId, provenance }), width: prepared.originalWidth, height: prepared.originalHeight };
}

/** The manifest with the picture's provenance recorded (kept when it was already there). */
export function withAsset(manifest: ProjectManifest, assetId: string, record: AssetRecord): ProjectManifest {
  const existing = manifest.assets[assetId];
  return existing && existing.byteSize > 0 ? manifest : { ...manifest, assets: { ...manifest.assets, [assetId]: record } };
}
