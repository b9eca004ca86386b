/**
 * The two states the torn-write child saves in turn. Each has its own picture and enough text
 * that a save takes a few milliseconds, so random kills land inside writes.
 */
import { createHash } from 'node:crypto';
import {
  DOCUMENT_SCHEMA_VERSION,
  figure,
  heading,
  paragraph,
  type ArticleDocument,
} from '../../../electron/studio/documents/article-document';
import { emptyManifest, type ProjectManifest } from '../../../electron/studio/documents/project-manifest';
import { testPicture } from '../../fixtures/png';

export type StateName = 'A' | 'B';

export interface TornWriteState {
  document: ArticleDocument;
  manifest: ProjectManifest;
  picture: Buffer;
}

export function tornWriteState(name: StateName): TornWriteState {
  const picture = testPicture(name === 'A' ? 11 : 12, 96);
  const assetId = createHash('sha256').update(picture).digest('hex');
  const line = `State ${name}: ${'the quick brown fox jumps over the lazy dog '.repeat(5)}`;
  const document: ArticleDocument = {
    type: 'doc',
    attrs: { schemaVersion: DOCUMENT_SCHEMA_VERSION },
    content: [
      heading(1, `Version ${name}`),
      ...Array.from({ length: 400 }, (_, index) => paragraph(`${index} ${line}`)),
      figure({ assetId, caption: `Picture ${name}`, provenance: 'pasted' }),
    ],
  };
  const manifest = emptyManifest(`Version ${name}`, new Date('2026-01-01T00:00:00Z'));
  manifest.assets[assetId] = {
    mimeType: 'image/png',
    byteSize: picture.length,
    provenance: 'pasted',
    source: `${name}.png`,
    addedAt: manifest.createdAt,
  };
  manifest.seeds.push({ step: 'compose', seed: name === 'A' ? 1 : 2, at: manifest.createdAt });
  return { document, manifest, picture };
}
