/**
 * Import (File dialog, `importArticle`): a Markdown or text file becomes a new project, as New
 * makes one, holding the article and the pictures it shows. The project that was open stays as
 * it was, so an import never replaces anything the writer had.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { importArticleFile } from './import-article';
import { withAsset } from './import-image';
import { emptyManifest } from './project-manifest';
import { createFreshProject } from './create-fresh-project';
import { createProject, saveProject } from './save-project';

export interface ImportedProject {
  dir: string;
  /** Pictures that could not be brought in (their figures stay empty, with the reason). */
  warnings: string[];
}

/** The project is named after the file: the name the writer just chose it by. */
export function projectTitleFor(file: string): string {
  return path.basename(file).replace(/\.(md|markdown|txt|text)$/i, '') || 'Imported article';
}

/**
 * Makes `parentDir/<file's name>.folio` (or `<title>.folio`, refused when it exists) with the
 * imported article; nothing is left behind when the file cannot be imported.
 */
export async function importAsProject(parentDir: string, file: string, title?: string): Promise<ImportedProject> {
  const made =
    title === undefined
      ? await createFreshProject(parentDir, projectTitleFor(file))
      : { dir: await createProject(parentDir, title), title };
  const { dir } = made;
  try {
    const imported = await importArticleFile(dir, file);
    const manifest = imported.assets.reduce((sum, asset) => withAsset(sum, asset.assetId, asset.record), emptyManifest(made.title));
    await saveProject(dir, { document: imported.document, manifest });
    return { dir, warnings: imported.warnings.map((warning) => warning.message) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
