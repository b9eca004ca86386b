/**
 * The project the writer has open: its folder, manifest and pictures. Starts on the project
 * that was open last, or on the scratch project in the app-data folder; the editor's document
 * is saved here (autosave for crash recovery, save on Ctrl+S).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { sniffImageType } from '../../../native-models/images/sniff-image-type';
import type { ImageInput } from '../../../native-models/engines/engine';
import type { ProjectInfo, SavedDocument, Workspace } from '../../contract/studio-api';
import { emptyDocument, referencedAssetIds, type ArticleDocument } from '../documents/article-document';
import { importImage, withAsset } from '../documents/import-image';
import { importAsProject } from '../documents/import-project';
import { openProject, type OpenedProject } from '../documents/open-project';
import { listAssets, loadAsset, storeAsset, type ProjectAssets } from '../documents/project-assets';
import { ProjectError, type ProjectWarning } from '../documents/project-error';
import { PROJECT_FILE_LIMITS } from '../documents/project-files';
import { emptyManifest, recordRun, type ModelRecord, type ProjectManifest } from '../documents/project-manifest';
import { OUTSIDE_FILE_PROBLEM_TEXT } from '../../../native-models/files/outside-file-problem-text';
import { readOutsideFile } from '../../../native-models/files/read-outside-file';
import { addRecentProject, readRecentProjects, removeRecentProject } from '../documents/recent-projects';
import { firstHeadingText } from '../documents/first-heading-text';
import { isUntitledProject, renameUntitledProject } from '../documents/rename-untitled-project';
import { isImageSkip } from '../library/library-error';
import { prepareImage } from '../library/prepare-image';
import { createFreshProject } from '../documents/create-fresh-project';
import { autosaveProject, createProject, folderName, saveProject } from '../documents/save-project';
import { saveProjectAs } from '../documents/save-project-as';
import { withinTime } from '../documents/within-time';
import type { ImageCandidate } from '../compose/compose-types';
import type { AssetResolver } from '../compose/document-to-draft';
import type { SettingsStore } from './studio-settings';
import { studioError } from './to-studio-error';

const SCRATCH_TITLE = 'Untitled';

interface OpenState {
  dir: string;
  manifest: ProjectManifest;
  document: ArticleDocument;
  assets: ProjectAssets;
}

export class ProjectWorkspace {
  private state: OpenState | null = null;
  private opening: Promise<Workspace> | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly settings: SettingsStore,
  ) {}

  private get recentFile(): string {
    return path.join(this.dataDir, 'recent-projects.json');
  }

  private get projectsDir(): string {
    return path.join(this.dataDir, 'projects');
  }

  private get scratchDir(): string {
    return path.join(this.projectsDir, `${SCRATCH_TITLE}.folio`);
  }

  /**
   * The open project; opens the last one (or the scratch project) on first use. A project the
   * last run stopped while opening (a crash) is not opened again by itself: the writer can
   * choose it from the recent list.
   */
  async open(): Promise<Workspace> {
    if (this.state) return this.view([], false);
    // Calls that come before a project is open share one opening: each made the scratch project
    // on a fresh data folder, and all but one failed with 'project-exists' (ten pictures pasted at once).
    this.opening ??= this.openFirst().finally(() => (this.opening = null));
    return this.opening;
  }

  private async openFirst(): Promise<Workspace> {
    const { lastProject, openingProject } = this.settings.get();
    if (lastProject && lastProject !== openingProject) {
      try {
        return await this.openDir(lastProject);
      } catch (error) {
        const message = error instanceof ProjectError ? error.message : 'The last project could not be opened.';
        return this.openScratch([`${message} Opened your scratch project instead.`]);
      }
    }
    const interrupted = openingProject
      ? [
          `Folio stopped while opening ${openingProject} last time, so it was not opened again. Open it from the recent projects to try once more.`,
        ]
      : [];
    return this.openScratch(interrupted);
  }

  /** Opens a project folder; the attempt is recorded first, so a crash while opening does not repeat at every start. */
  async openDir(
    dir: string,
    signal?: AbortSignal,
    extraWarnings: string[] = [],
    leaving: 'remember' | 'carried' = 'remember',
  ): Promise<Workspace> {
    // Save As carries the article along: the project left behind is no other article to find again.
    if (leaving === 'remember') await this.rememberLeaving();
    await this.settings.update({ openingProject: path.resolve(dir) });
    try {
      return await this.adopt(await withinTime(openProject(dir), 'Opening the project', undefined, signal), extraWarnings);
    } finally {
      await this.settings.update({ openingProject: undefined });
    }
  }

  async create(parentDir: string, title: string, signal?: AbortSignal): Promise<Workspace> {
    // New without a title (the studio sends "Untitled") is "Untitled", then "Untitled 2"…: the
    // second one failed with "already exists". A name the writer chose is never changed.
    const making =
      folderName(title) === SCRATCH_TITLE
        ? createFreshProject(parentDir, SCRATCH_TITLE).then(({ dir }) => dir)
        : createProject(parentDir, title);
    removeIfCancelled(making, signal);
    return this.openDir(await withinTime(making, 'Making the project', undefined, signal), signal);
  }

  /** Import: a Markdown or text file as a new project in `parentDir` (see import-project.ts); what could not be brought in comes back as warnings. */
  async importArticle(parentDir: string, file: string, signal?: AbortSignal): Promise<Workspace> {
    const importing = importAsProject(parentDir, file);
    if (signal)
      removeIfCancelled(
        importing.then((imported) => imported.dir),
        signal,
      );
    const { dir, warnings } = await withinTime(importing, 'Importing the article', undefined, signal);
    return this.openDir(dir, signal, warnings);
  }

  /** Save As: the document and every picture it uses into a new project folder (DIR/Title.folio or DIR itself when it ends in .folio). */
  async saveAs(document: ArticleDocument, target: string, signal?: AbortSignal): Promise<Workspace> {
    const current = await this.ready();
    const title = path.basename(target).replace(/\.folio$/i, '') || SCRATCH_TITLE;
    const parent = /\.folio$/i.test(target) ? path.dirname(target) : target;
    // All or nothing (save-project-as.ts); a stopped Save As leaves no half-written project behind (the current one stays open).
    const saving = (async () =>
      saveProjectAs(
        parent,
        title,
        { document, manifest: { ...current.manifest, title } },
        { assets: await this.pictureBytes(document) },
      ))();
    removeIfCancelled(saving, signal);
    return this.openDir(await withinTime(saving, 'Saving the project elsewhere', undefined, signal), signal, [], 'carried');
  }

  /** `document` was checked by the service (validate-request.ts), as every document a request carries. */
  async save(document: ArticleDocument, mode: 'autosave' | 'save'): Promise<SavedDocument> {
    const current = await this.ready();
    if (mode === 'save') await this.nameAfterHeading(current, document);
    const state = { document, manifest: current.manifest };
    await withinTime(
      mode === 'save' ? saveProject(current.dir, state) : autosaveProject(current.dir, state),
      mode === 'save' ? 'Saving' : 'Saving a backup copy',
    );
    current.document = document;
    const savedAt = new Date().toISOString();
    if (mode === 'autosave') return { savedAt };
    const recentProjects = await addRecentProject({ dir: current.dir, title: current.manifest.title }, this.recentFile);
    return { savedAt, project: await this.project(), recentProjects };
  }

  /**
   * An untitled project takes its article's first heading as its name on its first save
   * (rename-untitled-project.ts), so the first article is found again by its title. When the
   * folder cannot be renamed, the save goes to the untitled folder as before: saving comes first.
   */
  private async nameAfterHeading(current: OpenState, document: ArticleDocument): Promise<void> {
    const heading = firstHeadingText(document);
    if (folderName(heading) === SCRATCH_TITLE || !isUntitledProject(current.dir, this.projectsDir)) return;
    const before = current.dir;
    const named = await renameUntitledProject(before, heading).catch(() => null);
    if (!named) return;
    current.dir = named.dir;
    current.manifest = { ...current.manifest, title: named.title };
    await this.refreshAssets();
    await this.settings.update({ lastProject: named.dir });
    await removeRecentProject(before, this.recentFile);
  }

  /**
   * Before another project opens, the one being left goes on the recent list, an untitled one
   * by its article's heading: the first-run project was listed nowhere after New, and was lost.
   */
  private async rememberLeaving(): Promise<void> {
    if (!this.state) return;
    const { dir, manifest, document } = this.state;
    const untitled = isUntitledProject(dir, this.projectsDir);
    if (untitled && document.content.every((node) => node.type === 'paragraph' && !node.content?.length)) return;
    const title = (untitled && firstHeadingText(document)) || manifest.title;
    await addRecentProject({ dir, title }, this.recentFile);
  }

  async importPicture(fileName: string, bytes: Uint8Array): Promise<{ assetId: string; mimeType: string; width: number; height: number }> {
    const current = await this.ready();
    const imported = await importImage(current.dir, { bytes, ...(fileName ? { name: fileName } : {}) });
    current.manifest = withAsset(current.manifest, imported.assetId, imported.record);
    await this.refreshAssets();
    return { assetId: imported.assetId, mimeType: imported.record.mimeType, width: imported.width, height: imported.height };
  }

  /** Every candidate the model was shown, stored so the writer can swap to it later. */
  async storeCandidates(candidates: readonly ImageCandidate[]): Promise<void> {
    const current = await this.ready();
    const pictures: Uint8Array[] = [];
    for (const candidate of candidates) {
      if (current.assets.files.has(candidate.id)) continue;
      const source = candidate.original ?? candidate.image;
      const bytes = 'bytes' in source ? source.bytes : await readPictureFile(source.path);
      pictures.push(bytes);
      current.manifest = withAsset(current.manifest, candidate.id, {
        mimeType: sniffImageType(bytes) ?? 'application/octet-stream',
        byteSize: bytes.length,
        provenance: candidate.provenance,
        source: 'path' in source ? source.path : null,
        addedAt: new Date().toISOString(),
      });
    }
    if (pictures.length === 0) return;
    for (const bytes of pictures) await storeAsset(current.dir, bytes);
    await this.refreshAssets();
  }

  recordRun(step: string, seed: number, model: ModelRecord): void {
    const current = this.current();
    current.manifest = recordRun(current.manifest, { step, seed, model });
  }

  async readAsset(assetId: string): Promise<{ bytes: Buffer; mimeType: string } | null> {
    const current = await this.ready();
    if (!current.assets.files.has(assetId)) await this.refreshAssets();
    const loaded = await loadAsset(current.assets, assetId);
    return 'bytes' in loaded ? { bytes: loaded.bytes, mimeType: loaded.mimeType } : null;
  }

  /**
   * The pictures an edit of figure `figureIndex` looks at: all of that figure's candidates, and
   * the picture each other figure shows (the choice is made knowing what is already placed).
   */
  async resolverFor(document: ArticleDocument, figureIndex: number): Promise<AssetResolver> {
    const ids = new Set<string>();
    let seen = -1;
    for (const node of document.content) {
      if (node.type !== 'figure') continue;
      const { candidates, chosen } = node.attrs;
      if (++seen === figureIndex) for (const id of candidates) ids.add(id);
      else if (chosen !== null && candidates[chosen]) ids.add(candidates[chosen]);
    }
    // A picture that no longer passes the checks is left out, as a missing one is.
    const pictures = new Map<string, ImageInput>();
    for (const id of ids) {
      const picture = await this.pictureForModel(id).catch((error: unknown) => {
        if (isImageSkip(error)) return null;
        throw error;
      });
      if (picture) pictures.set(id, { bytes: picture.bytes, mimeType: picture.mimeType });
    }
    return (assetId) => pictures.get(assetId) ?? null;
  }

  async candidatesFor(assetIds: readonly string[]): Promise<ImageCandidate[]> {
    const candidates: ImageCandidate[] = [];
    for (const assetId of assetIds) {
      const image = await this.pictureForModel(assetId).catch((error: unknown) => {
        if (isImageSkip(error))
          throw studioError(
            error.code,
            `A reference picture cannot be used: ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`,
            error.detail,
          );
        throw error;
      });
      if (!image) throw studioError('asset-missing', 'A reference picture is no longer in the project. Add it again.', assetId);
      candidates.push({
        id: assetId,
        image: { bytes: image.bytes, mimeType: image.mimeType },
        original: image.original,
        provenance: 'reference',
      });
    }
    return candidates;
  }

  /**
   * A project picture as the model sees it: through the checks every picture passes
   * (prepareImage), re-encoded. Null when the project has no such picture; a LibraryError when
   * it is damaged or not a picture (a project folder can hold anything).
   */
  async pictureForModel(assetId: string): Promise<{ bytes: Buffer; mimeType: string; original: ImageInput } | null> {
    const asset = await this.readAsset(assetId);
    if (!asset) return null;
    const prepared = await prepareImage({ bytes: asset.bytes });
    return { bytes: prepared.bytes, mimeType: prepared.mimeType, original: { bytes: asset.bytes, mimeType: asset.mimeType } };
  }

  /** Every picture a document refers to, candidates included (what Save As copies). */
  private async pictureBytes(document: ArticleDocument): Promise<Buffer[]> {
    const ids = new Set(referencedAssetIds(document));
    for (const node of document.content) if (node.type === 'figure') for (const id of node.attrs.candidates) ids.add(id);
    return [...(await this.readPictures(ids)).values()].map((image) => image.bytes);
  }

  private async readPictures(ids: Iterable<string>): Promise<Map<string, ImageInput & { bytes: Buffer }>> {
    const pictures = new Map<string, ImageInput & { bytes: Buffer }>();
    for (const id of ids) {
      const asset = await this.readAsset(id);
      if (asset) pictures.set(id, { bytes: asset.bytes, mimeType: asset.mimeType });
    }
    return pictures;
  }

  private async openScratch(warnings: string[]): Promise<Workspace> {
    try {
      return await this.adopt(await openProject(this.scratchDir), warnings);
    } catch (error) {
      if (!(error instanceof ProjectError) || error.code !== 'project-missing') throw error;
      await createProject(path.dirname(this.scratchDir), SCRATCH_TITLE, {
        document: emptyDocument(),
        manifest: emptyManifest(SCRATCH_TITLE),
      });
      return this.adopt(await openProject(this.scratchDir), warnings);
    }
  }

  private async adopt(opened: OpenedProject, extraWarnings: string[] = []): Promise<Workspace> {
    const recovery = opened.recovery;
    this.state = {
      dir: opened.dir,
      manifest: recovery?.manifest ?? opened.manifest,
      document: recovery?.document ?? opened.document,
      assets: opened.assets,
    };
    await this.settings.update({ lastProject: opened.dir });
    if (!isUntitledProject(opened.dir, this.projectsDir))
      await addRecentProject({ dir: opened.dir, title: opened.manifest.title }, this.recentFile);
    const warnings = [
      ...extraWarnings,
      ...[...opened.warnings, ...(recovery?.warnings ?? [])].map((warning: ProjectWarning) => warning.message),
    ];
    return this.view(warnings, recovery !== null);
  }

  /** The open project (opening the last one first when nothing is open yet). */
  async project(): Promise<ProjectInfo> {
    const current = await this.ready();
    return { dir: current.dir, title: current.manifest.title, untitled: isUntitledProject(current.dir, this.projectsDir) };
  }

  private async view(warnings: string[], recovered: boolean): Promise<Workspace> {
    return {
      project: await this.project(),
      document: this.current().document,
      warnings,
      recovered,
      recentProjects: await readRecentProjects(this.recentFile),
    };
  }

  /** The open project, opening the last one first when nothing is open yet. */
  private async ready(): Promise<OpenState> {
    if (!this.state) await this.open();
    return this.current();
  }

  private current(): OpenState {
    if (!this.state) throw studioError('no-project', 'No project is open.');
    return this.state;
  }

  private async refreshAssets(): Promise<void> {
    if (this.state) this.state.assets = await listAssets(this.state.dir);
  }
}

/** A library picture by path: a plain file only (a FIFO would stall every file job behind it). */
async function readPictureFile(file: string): Promise<Buffer> {
  const read = await readOutsideFile(file, PROJECT_FILE_LIMITS.asset);
  if ('bytes' in read) return read.bytes;
  throw new ProjectError(
    'image-refused',
    `A library picture could not be stored in the project (the file ${OUTSIDE_FILE_PROBLEM_TEXT[read.problem]}).`,
    read.detail,
  );
}

/** The folder a making job created, removed once the job settles, when the writer stopped it. */
function removeIfCancelled(making: Promise<string>, signal: AbortSignal | undefined): void {
  if (!signal) return;
  void making.then(
    (made) => (signal.aborted ? rm(made, { recursive: true, force: true }) : undefined),
    () => undefined,
  );
}
