/**
 * The first article is found again (issue 23, major 6): the first-run project (`Untitled.folio`)
 * takes its article's first heading as its name on its first save, and is on the recent list
 * after that save and after New, even when it was only ever autosaved. Through the real server.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleDocument } from '@contract/article-document';
import { emptyDocument, heading, paragraph } from '../../../electron/studio/documents/article-document';
import { startInProcessStudio, type InProcessStudio } from '../../helpers/in-process-studio';
import type { TestStudioClient } from '../../helpers/studio-client';

let running: InProcessStudio;
let studio: TestStudioClient;

beforeEach(async () => {
  running = await startInProcessStudio('name-untitled');
  studio = running.studio;
});
afterEach(() => running?.close());

const article = (title: string, text: string): ArticleDocument => ({ ...emptyDocument(), content: [heading(1, title), paragraph(text)] });
const projects = () => path.join(running.dataDir, 'projects');
const savedText = (dir: string) => readFileSync(path.join(dir, 'document.json'), 'utf8');

describe('the first-run project', () => {
  it('is renamed after its heading on its first save, not on an autosave, and joins the recent list', async () => {
    const first = await studio.call('openWorkspace');
    expect(first.project).toMatchObject({ dir: path.join(projects(), 'Untitled.folio'), untitled: true });

    const autosaved = await studio.call('saveDocument', { document: article('Harbour towns', 'Boats at dawn.'), mode: 'autosave' });
    expect(autosaved.project).toBeUndefined();
    expect(savedText(first.project.dir)).not.toContain('Boats at dawn.');

    const saved = await studio.call('saveDocument', { document: article('Harbour towns', 'Boats at dawn.'), mode: 'save' });
    const named = path.join(projects(), 'Harbour towns.folio');
    expect(saved.project).toEqual({ dir: named, title: 'Harbour towns', untitled: false });
    expect(saved.recentProjects?.[0]).toMatchObject({ dir: named, title: 'Harbour towns' });
    expect(existsSync(first.project.dir)).toBe(false);
    expect(savedText(named)).toContain('Boats at dawn.');
    // Named once: a later save with another heading keeps the folder (the writer renames with Save As).
    const again = await studio.call('saveDocument', { document: article('Fishing villages', 'Nets.'), mode: 'save' });
    expect(again.project?.dir).toBe(named);
    // The next start opens it by its new name.
    await running.restart();
    studio = running.studio;
    expect((await studio.call('openWorkspace')).project.dir).toBe(named);
  });

  it('is on the recent list by its heading after New, though only autosaved, and is named when saved later', async () => {
    const first = await studio.call('openWorkspace');
    await studio.call('saveDocument', { document: article('First light', 'The quay at five.'), mode: 'autosave' });
    const second = await studio.call('newProject', { title: 'Untitled' });
    expect(second.recentProjects.map(({ dir, title }) => ({ dir, title }))).toContainEqual({
      dir: first.project.dir,
      title: 'First light',
    });

    const back = await studio.call('openProject', { dir: first.project.dir });
    expect(back.recovered).toBe(true);
    expect(JSON.stringify(back.document)).toContain('The quay at five.');
    const saved = await studio.call('saveDocument', { document: back.document, mode: 'save' });
    expect(saved.project?.dir).toBe(path.join(projects(), 'First light.folio'));
    // The old folder's entry goes: it would lead nowhere.
    expect(saved.recentProjects?.map(({ dir }) => dir)).not.toContain(first.project.dir);
  });

  it('takes "Title 2" when a project of that name exists, and an untitled New is named too', async () => {
    await studio.call('openWorkspace');
    await studio.call('saveDocument', { document: article('Harbour towns', 'One.'), mode: 'save' });
    await studio.call('newProject', { title: 'Untitled' });
    const saved = await studio.call('saveDocument', { document: article('Harbour towns', 'Two.'), mode: 'save' });
    expect(saved.project).toEqual({ dir: path.join(projects(), 'Harbour towns 2.folio'), title: 'Harbour towns 2', untitled: false });
  });

  it('keeps a name the writer chose, and an untitled article without a heading stays untitled', async () => {
    await studio.call('openWorkspace');
    const untitled = await studio.call('saveDocument', {
      document: { ...emptyDocument(), content: [paragraph('No heading yet.')] },
      mode: 'save',
    });
    expect(untitled.project).toMatchObject({ dir: path.join(projects(), 'Untitled.folio'), untitled: true });
    await studio.call('newProject', { title: 'Harbour' });
    const saved = await studio.call('saveDocument', { document: article('Fishing villages', 'Nets.'), mode: 'save' });
    expect(saved.project).toMatchObject({ dir: path.join(projects(), 'Harbour.folio'), title: 'Harbour' });
  });
});
