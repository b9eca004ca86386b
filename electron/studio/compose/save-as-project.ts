import { candidatePictureBytes } from './candidate-picture-bytes';
import path from 'node:path';
import { sniffImageType } from '../../../native-models/images/sniff-image-type';
import type { ArticleDocument } from '../documents/article-document';
import { emptyManifest, recordRun, type ModelRecord } from '../documents/project-manifest';
import { withAsset } from '../documents/import-image';
import { createProject, saveProject } from '../documents/save-project';
import type { ComposeDraft } from './compose-article';

/**
 * Saves a composed article as a Folio project (`Title.folio/`): the document, every candidate
 * picture as a content-addressed asset (so figures can be swapped later), and the model and
 * seed that made it, so the run can be repeated.
 */
export async function saveAsProject(
  document: ArticleDocument,
  draft: ComposeDraft,
  projectPath: string,
  run: { seed: number; model: ModelRecord },
): Promise<{ dir: string; assets: number }> {
  const title = path.basename(projectPath, '.folio');
  let manifest = recordRun(emptyManifest(title), { step: 'compose', seed: run.seed, model: run.model });
  const pictures = new Map<string, Uint8Array>();
  for (const slot of draft.slots) {
    for (const candidate of slot.candidates) {
      if (pictures.has(candidate.id)) continue;
      const source = candidate.original ?? candidate.image;
      const bytes = await candidatePictureBytes(source);
      pictures.set(candidate.id, bytes);
      manifest = withAsset(manifest, candidate.id, {
        mimeType: sniffImageType(bytes) ?? 'application/octet-stream',
        byteSize: bytes.length,
        provenance: candidate.provenance,
        source: 'path' in source ? source.path : null,
        addedAt: new Date().toISOString(),
      });
    }
  }
  const dir = await createProject(path.dirname(projectPath), title);
  await saveProject(dir, { document, manifest }, { assets: [...pictures.values()] });
  return { dir, assets: pictures.size };
}
