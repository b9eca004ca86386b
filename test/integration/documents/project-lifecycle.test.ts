/**
 * A project's life as the app will drive it: create, add pictures, save, autosave, reopen
 * with recovery offered, discard or keep it, and the recent-projects list.
 */
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { figure, heading, paragraph, type ArticleDocument } from '../../../electron/studio/documents/article-document';
import { importImage } from '../../../electron/studio/documents/import-image';
import { openProject } from '../../../electron/studio/documents/open-project';
import { sha256 } from '../../../electron/studio/documents/project-assets';
import { ProjectError } from '../../../electron/studio/documents/project-error';
import {
  addRecentProject,
  defaultRecentProjectsPath,
  readRecentProjects,
  removeRecentProject,
} from '../../../electron/studio/documents/recent-projects';
import { autosaveProject, createProject, discardAutosave, saveProject } from '../../../electron/studio/documents/save-project';
import { testPicture } from '../../fixtures/png';
import { makeSampleProject } from './sample-project';

let parent = '';
beforeEach(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'folio-project-'));
});
afterEach(() => rm(parent, { recursive: true, force: true }));

const withParagraph = (document: ArticleDocument, text: string): ArticleDocument => ({
  ...document,
  content: [...document.content, paragraph(text)],
});

describe('saving and opening', () => {
  it('reopens exactly what was saved, with the pictures content-addressed', async () => {
    const { dir, document, assetIds } = await makeSampleProject(parent);
    expect(path.basename(dir)).toBe('Harbour at Dawn.folio');
    const project = await openProject(dir);
    expect(project.warnings).toEqual([]);
    expect(project.recovery).toBeNull();
    expect(project.document).toEqual(document);
    expect((await readdir(path.join(dir, 'assets'))).sort()).toEqual(
      [`${assetIds[0]}.png`, `${assetIds[1]}.jpg`, `${assetIds[2]}.png`].sort(),
    );
    expect(project.manifest.assets[assetIds[0] as string]).toMatchObject({
      provenance: 'pasted',
      source: 'boats.png',
      mimeType: 'image/png',
    });
    expect(project.manifest.assets[assetIds[2] as string]).toMatchObject({ provenance: 'library' });
  });

  it('refuses to make a project over an existing one', async () => {
    await createProject(parent, 'Notes');
    await expect(createProject(parent, 'Notes')).rejects.toMatchObject({
      code: 'project-exists',
      message: expect.stringMatching(/^A project with this name already exists: .*Notes\.folio$/),
    });
  });

  it('keeps path separators out of the folder name', async () => {
    const dir = await createProject(parent, '../Q3: plans/ideas');
    expect(path.dirname(dir)).toBe(parent);
    expect(path.basename(dir)).toBe('Q3 plans ideas.folio');
  });

  it('refuses to save an article that refers to a picture not in the project, and keeps the saved one', async () => {
    const { dir, document } = await makeSampleProject(parent);
    const before = await readFile(path.join(dir, 'document.json'), 'utf8');
    const broken = structuredClone(document);
    const figure = broken.content.find((node) => node.type === 'figure');
    if (figure?.type === 'figure') figure.attrs.assetId = 'f'.repeat(64);
    const project = await openProject(dir);
    const error = await saveProject(dir, { document: broken, manifest: project.manifest }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ProjectError);
    expect(error).toMatchObject({
      code: 'asset-missing',
      message: 'The article refers to a picture that is not in the project, so it was not saved (the last saved version is unchanged).',
    });
    expect(await readFile(path.join(dir, 'document.json'), 'utf8')).toBe(before);
  });

  it('writes picture bytes passed with the save before the document that uses them', async () => {
    const dir = await createProject(parent, 'Pasted');
    const bytes = testPicture(7);
    const id = sha256(bytes);
    const project = await openProject(dir);
    const document = { ...project.document, content: [heading(1, 'Pasted'), figure({ assetId: id })] };
    await saveProject(dir, { document, manifest: project.manifest }, { assets: [bytes] });
    const reopened = await openProject(dir);
    expect(reopened.warnings).toEqual([]);
    expect(reopened.document.content[1]).toMatchObject({ attrs: { assetId: id, provenance: 'pasted', candidates: [id], chosen: 0 } });
  });

  it('refuses a picture that is not one, with the reason', async () => {
    const dir = await createProject(parent, 'Refused');
    await expect(importImage(dir, { bytes: Buffer.from('just text'), name: 'notes.png' })).rejects.toMatchObject({
      code: 'image-refused',
      message: 'This is not a picture: Folio reads JPEG, PNG, WebP, GIF, AVIF, HEIC, TIFF, BMP and SVG (notes.png).',
    });
    const truncated = testPicture(3).subarray(0, 60);
    await expect(importImage(dir, { bytes: truncated })).rejects.toMatchObject({
      code: 'image-refused',
      message: expect.stringMatching(/damaged or incomplete/),
    });
    expect(await readdir(path.join(dir, 'assets')).catch(() => [])).toEqual([]);
  });
});

describe('autosave and recovery', () => {
  it('offers the autosave when it is newer than the saved article, and never touches the saved one', async () => {
    const { dir, document } = await makeSampleProject(parent);
    const saved = await readFile(path.join(dir, 'document.json'), 'utf8');
    const project = await openProject(dir);
    const edited = withParagraph(document, 'A line written after the last save.');
    await autosaveProject(dir, { document: edited, manifest: project.manifest });
    expect(await readFile(path.join(dir, 'document.json'), 'utf8')).toBe(saved);

    const reopened = await openProject(dir);
    expect(reopened.document).toEqual(document);
    expect(reopened.recovery?.document).toEqual(edited);
    expect(reopened.recovery?.autosavedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('does not offer an autosave once the article is saved', async () => {
    const { dir, document } = await makeSampleProject(parent);
    const project = await openProject(dir);
    await autosaveProject(dir, { document: withParagraph(document, 'draft'), manifest: project.manifest });
    await saveProject(dir, { document: withParagraph(document, 'final'), manifest: project.manifest });
    const reopened = await openProject(dir);
    expect(reopened.recovery).toBeNull();
    expect(reopened.document.content.at(-1)).toEqual(paragraph('final'));
  });

  it('ignores an autosave older than the saved article (a save that was killed before clearing it)', async () => {
    const { dir, document } = await makeSampleProject(parent);
    const project = await openProject(dir);
    await autosaveProject(dir, { document: withParagraph(document, 'stale'), manifest: project.manifest });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(path.join(dir, 'document.json'), await readFile(path.join(dir, 'document.json')));
    expect((await stat(path.join(dir, '.autosave', 'document.json'))).isFile()).toBe(true);
    expect((await openProject(dir)).recovery).toBeNull();
  });

  it('discards the autosave when the writer declines it', async () => {
    const { dir, document } = await makeSampleProject(parent);
    const project = await openProject(dir);
    await autosaveProject(dir, { document: withParagraph(document, 'unwanted'), manifest: project.manifest });
    await discardAutosave(dir);
    expect((await openProject(dir)).recovery).toBeNull();
  });
});

describe('recent projects', () => {
  it('keeps the newest first, each folder once, at most twenty', async () => {
    const file = path.join(parent, 'data', 'folio', 'recent.json');
    for (let index = 0; index < 25; index++)
      await addRecentProject({ dir: path.join(parent, `P${index}.folio`), title: `P${index}` }, file);
    await addRecentProject({ dir: path.join(parent, 'P10.folio/'), title: 'P10 again' }, file);
    const list = await readRecentProjects(file);
    expect(list).toHaveLength(20);
    expect(list[0]).toMatchObject({ dir: path.join(parent, 'P10.folio'), title: 'P10 again' });
    expect(list.filter((entry) => entry.dir === path.join(parent, 'P10.folio'))).toHaveLength(1);
    expect(list[1]?.title).toBe('P24');
    expect((await removeRecentProject(path.join(parent, 'P24.folio'), file)).map((entry) => entry.title)).not.toContain('P24');
    expect(await readdir(path.dirname(file))).toEqual(['recent.json']);
  });

  it('treats a damaged list as empty and lives in the XDG data folder', async () => {
    const file = path.join(parent, 'recent.json');
    await writeFile(file, '[{"dir": ');
    expect(await readRecentProjects(file)).toEqual([]);
    expect(defaultRecentProjectsPath({ XDG_DATA_HOME: '/data' }, 'linux')).toBe('/data/folio/recent.json');
    expect(defaultRecentProjectsPath({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toMatch(/Folio[\\/]recent\.json$/);
  });
});
