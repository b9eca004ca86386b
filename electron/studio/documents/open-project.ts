/**
 * Opens a project folder, validating everything on the way in. What cannot be opened safely
 * (no document, a damaged or newer document, a document outside the folder) is a ProjectError;
 * what can be repaired (a missing picture, unusable metadata, an unreadable autosave) opens with
 * a warning. An autosave newer than the saved document is offered, never applied silently.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { DOCUMENT_SCHEMA_VERSION, type ArticleDocument } from './article-document';
import { checkFigures } from './check-figures';
import { parseDocument } from './parse-document';
import { listAssets, type ProjectAssets } from './project-assets';
import { ProjectError, describeError, type ProjectWarning } from './project-error';
import {
  AUTOSAVE_DIR,
  DOCUMENT_FILE,
  MANIFEST_FILE,
  PROJECT_EXTENSION,
  PROJECT_FILE_LIMITS,
  readProjectFile,
  resolveInside,
} from './project-files';
import { checkManifest, emptyManifest, type ProjectManifest } from './project-manifest';
import { MAX_JSON_DEPTH, jsonTextTooDeep } from './json-depth';
import { removeStaleProjectTemps } from './project-writes';

export interface OpenedProject {
  /** The project folder as given (absolute). */
  dir: string;
  document: ArticleDocument;
  manifest: ProjectManifest;
  assets: ProjectAssets;
  warnings: ProjectWarning[];
  /** The version the document was migrated from, when it was older than this build's. */
  migratedFrom: number | null;
  /** An autosave newer than the saved document: offer it to the writer. */
  recovery: RecoveredWork | null;
}

interface RecoveredWork {
  document: ArticleDocument;
  manifest: ProjectManifest;
  autosavedAt: Date;
  warnings: ProjectWarning[];
}

export async function openProject(dir: string): Promise<OpenedProject> {
  const absolute = path.resolve(dir);
  const root = await projectRoot(absolute);
  const bytes = await readProjectFile(root, DOCUMENT_FILE, PROJECT_FILE_LIMITS.document);
  if (!bytes) throw new ProjectError('not-a-project', `This folder is not a Folio project (it has no ${DOCUMENT_FILE}): ${absolute}`);
  const { document, fromVersion } = parseDocument(bytes);
  const warnings: ProjectWarning[] = [];
  const assets = await readAssetList(root, warnings);
  warnings.push(...(await checkFigures(document, assets)));
  const { manifest, warnings: manifestWarnings } = await readManifest(root, MANIFEST_FILE, defaultTitle(absolute));
  warnings.push(...manifestWarnings);
  const autosave = await readAutosave(root, assets, manifest);
  warnings.push(...autosave.warnings);
  await Promise.all([removeStaleProjectTemps(root, ''), removeStaleProjectTemps(root, AUTOSAVE_DIR)]);
  return {
    dir: absolute,
    document,
    manifest: describeAssets(manifest, document),
    assets,
    warnings,
    migratedFrom: fromVersion < DOCUMENT_SCHEMA_VERSION ? fromVersion : null,
    recovery: autosave.recovery,
  };
}

/** The pictures present; an assets folder that leads elsewhere is not read (its figures open empty). */
async function readAssetList(root: string, warnings: ProjectWarning[]): Promise<ProjectAssets> {
  try {
    return await listAssets(root);
  } catch (error) {
    if (!(error instanceof ProjectError)) throw error;
    const code = error.code === 'path-escapes' ? 'path-escapes' : 'asset-missing';
    warnings.push({ code, message: `${error.message} Figures open without their pictures.`, detail: error.detail });
    return { root, files: new Map() };
  }
}

async function projectRoot(absolute: string): Promise<string> {
  let root: string;
  try {
    root = await realpath(absolute);
  } catch (error) {
    throw new ProjectError('project-missing', `The project folder could not be found: ${absolute}`, describeError(error));
  }
  const info = await stat(root);
  if (!info.isDirectory()) throw new ProjectError('not-a-project', `This is a file, not a Folio project folder: ${absolute}`);
  return root;
}

async function readManifest(root: string, file: string, title: string): Promise<{ manifest: ProjectManifest; warnings: ProjectWarning[] }> {
  const rebuilt = emptyManifest(title);
  const rebuild = (message: string, detail?: string): { manifest: ProjectManifest; warnings: ProjectWarning[] } => ({
    manifest: rebuilt,
    warnings: [
      {
        code: 'manifest-unusable',
        message: `${file} ${message}; the article opens, but which model and seeds made it, and where its pictures came from, are no longer known.`,
        detail,
      },
    ],
  });
  let bytes: Buffer | null;
  try {
    bytes = await readProjectFile(root, file, PROJECT_FILE_LIMITS.manifest);
  } catch (error) {
    if (!(error instanceof ProjectError)) throw error;
    return rebuild(
      error.code === 'file-too-large'
        ? 'is too large to read'
        : error.code === 'path-escapes'
          ? 'points outside the project folder'
          : 'could not be read',
      error.detail ?? error.message,
    );
  }
  if (!bytes)
    return {
      manifest: rebuilt,
      warnings: [{ code: 'manifest-missing', message: `${file} is missing; it will be written again on the next save.` }],
    };
  const text = bytes.toString('utf8');
  if (jsonTextTooDeep(text)) return rebuild('is not in the expected form', `nested deeper than ${MAX_JSON_DEPTH} levels`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return rebuild('is damaged (not valid JSON)', describeError(error));
  }
  const checked = checkManifest(raw);
  if ('problem' in checked) return rebuild('is not in the expected form', checked.problem);
  return { manifest: checked.manifest, warnings: [] };
}

/** Every picture the document uses has a record; ones found without one get what the figure says. */
function describeAssets(manifest: ProjectManifest, document: ArticleDocument): ProjectManifest {
  const assets = { ...manifest.assets };
  for (const node of document.content) {
    if (node.type !== 'figure') continue;
    for (const id of [node.attrs.assetId, ...node.attrs.candidates]) {
      if (id === null || assets[id]) continue;
      const provenance = id === node.attrs.assetId && node.attrs.provenance ? node.attrs.provenance : 'library';
      assets[id] = { mimeType: 'application/octet-stream', byteSize: 0, provenance, source: null, addedAt: manifest.updatedAt };
    }
  }
  return { ...manifest, assets };
}

async function readAutosave(
  root: string,
  assets: ProjectAssets,
  savedManifest: ProjectManifest,
): Promise<{ recovery: RecoveredWork | null; warnings: ProjectWarning[] }> {
  const file = `${AUTOSAVE_DIR}/${DOCUMENT_FILE}`;
  try {
    const saved = await resolveInside(root, DOCUMENT_FILE);
    const autosaved = await resolveInside(root, file);
    if (!autosaved) return { recovery: null, warnings: [] };
    const [savedInfo, autosaveInfo] = await Promise.all([saved ? stat(saved) : null, stat(autosaved)]);
    // A save clears the autosave; one left older than the saved document was overtaken by that save.
    if (savedInfo && autosaveInfo.mtimeMs <= savedInfo.mtimeMs) return { recovery: null, warnings: [] };
    const bytes = await readProjectFile(root, file, PROJECT_FILE_LIMITS.document);
    if (!bytes) return { recovery: null, warnings: [] };
    const { document } = parseDocument(bytes, 'The autosaved document');
    const warnings = await checkFigures(document, assets);
    const autosavedManifest = await readManifest(root, `${AUTOSAVE_DIR}/${MANIFEST_FILE}`, savedManifest.title);
    const manifest = describeAssets(autosavedManifest.warnings.length > 0 ? savedManifest : autosavedManifest.manifest, document);
    return { recovery: { document, manifest, autosavedAt: autosaveInfo.mtime, warnings }, warnings: [] };
  } catch (error) {
    if (!(error instanceof ProjectError)) throw error;
    return {
      recovery: null,
      warnings: [
        {
          code: 'autosave-unusable',
          message: `Unsaved changes were found but could not be recovered: ${error.message}`,
          detail: error.detail,
        },
      ],
    };
  }
}

function defaultTitle(dir: string): string {
  const base = path.basename(dir);
  return base.endsWith(PROJECT_EXTENSION) ? base.slice(0, -PROJECT_EXTENSION.length) : base;
}
