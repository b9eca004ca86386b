/**
 * Import through the headless server's WebSocket, as the File dialog does it: a Markdown file
 * with its marks, blocks and a picture beside it becomes a new project; what cannot be
 * imported is a typed error, and a picture that cannot be read is a warning.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDocument, BlockNode } from '@contract/studio-api';
import { startStudioServer, type RunningStudioServer } from '../../../electron/server/studio-server';
import { StudioService } from '../../../electron/studio/service/studio-service';
import { testPicture } from '../../fixtures/png';
import { connectStudio, type TestStudioClient } from '../../helpers/studio-client';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'folio-markdown-import-'));
const writing = path.join(dataDir, 'writing');
const projects = path.join(dataDir, 'projects');
let service: StudioService;
let server: RunningStudioServer;
let studio: TestStudioClient;

const HARBOUR = [
  '# Harbour towns',
  '',
  'The tide is **high** and the boats are *out*; see [the chart](https://example.org/chart).',
  '',
  '- nets',
  '- ropes',
  '',
  '1. arrive',
  '2. moor',
  '',
  '> The sea keeps its own hours.',
  '',
  '![The quay at dawn](pictures/quay.png)',
  '',
  '*The quay at dawn*',
  '',
].join('\n');

beforeAll(async () => {
  mkdirSync(path.join(writing, 'pictures'), { recursive: true });
  writeFileSync(path.join(writing, 'harbour.md'), HARBOUR);
  writeFileSync(path.join(writing, 'pictures', 'quay.png'), testPicture(3, 96));
  service = await StudioService.create({ dataDir, shell: 'browser', modelsDir: path.join(dataDir, 'models') });
  server = await startStudioServer({ service });
  studio = await connectStudio(server.baseUrl, server.token);
  await studio.call('openWorkspace');
});
afterAll(async () => {
  studio.close();
  await server.close();
  await service.close();
});

const blockTypes = (document: ArticleDocument): string[] => document.content.map((node) => node.type);
const find = <T extends BlockNode['type']>(document: ArticleDocument, type: T) =>
  document.content.find((node): node is Extract<BlockNode, { type: T }> => node.type === type);
const authorized = () => ({ headers: { authorization: `Bearer ${server.token}` } });

describe('Import in the File dialog (importArticle)', () => {
  it('makes a new project from a Markdown file, with its marks, lists, quote and picture, and leaves the open project as it was', async () => {
    const before = await studio.call('saveDocument', {
      document: { type: 'doc', attrs: { schemaVersion: 2 }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Kept.' }] }] },
      mode: 'save',
    });
    expect(before.savedAt).toBeTruthy();
    const scratch = (await studio.call('openWorkspace')).project.dir;

    const workspace = await studio.call('importArticle', { path: path.join(writing, 'harbour.md') });
    expect(workspace.project).toMatchObject({ title: 'harbour', dir: path.join(projects, 'harbour.folio'), untitled: false });
    expect(workspace.warnings).toEqual([]);
    const { document } = workspace;
    expect(blockTypes(document)).toEqual(['heading', 'paragraph', 'bulletList', 'orderedList', 'blockquote', 'figure']);
    const sentence = find(document, 'paragraph')?.content ?? [];
    expect(sentence).toContainEqual({ type: 'text', text: 'high', marks: [{ type: 'bold' }] });
    expect(sentence).toContainEqual({ type: 'text', text: 'out', marks: [{ type: 'italic' }] });
    expect(sentence).toContainEqual(
      expect.objectContaining({
        text: 'the chart',
        marks: [expect.objectContaining({ type: 'link', attrs: expect.objectContaining({ href: 'https://example.org/chart' }) })],
      }),
    );
    expect(JSON.stringify(find(document, 'bulletList'))).toContain('ropes');
    expect(JSON.stringify(find(document, 'orderedList'))).toContain('moor');
    expect(JSON.stringify(find(document, 'blockquote'))).toContain('The sea keeps its own hours.');

    const figure = find(document, 'figure');
    expect(figure?.attrs).toMatchObject({ caption: 'The quay at dawn', emptyReason: null, provenance: 'pasted' });
    const shown = await fetch(`${server.baseUrl}/assets/${figure?.attrs.assetId}`, authorized());
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(readdirSync(path.join(projects, 'harbour.folio', 'assets'))).toHaveLength(1);

    // The project it came from is still there, unchanged.
    expect((await studio.call('openProject', { dir: scratch })).document.content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Kept.' }] },
    ]);
  });

  it('imports the same file again as a second project rather than refusing or replacing the first', async () => {
    const again = await studio.call('importArticle', { path: path.join(writing, 'harbour.md') });
    expect(again.project).toMatchObject({ title: 'harbour 2', dir: path.join(projects, 'harbour 2.folio') });
  });

  it('imports the rest with a warning when a picture cannot be read', async () => {
    writeFileSync(path.join(writing, 'lost.md'), '# Lost\n\nStill **here**.\n\n![Gone](pictures/gone.png)\n');
    const workspace = await studio.call('importArticle', { path: path.join(writing, 'lost.md') });
    expect(workspace.warnings).toEqual([
      expect.stringMatching(/picture “pictures\/gone\.png” could not be imported: the file could not be found/),
    ]);
    expect(blockTypes(workspace.document)).toEqual(['heading', 'paragraph', 'figure']);
    expect(find(workspace.document, 'figure')?.attrs).toMatchObject({ assetId: null, emptyReason: expect.stringContaining('gone.png') });
  });

  it('refuses a missing file and a file that is not text with a typed error, and leaves no project behind', async () => {
    const projectsBefore = readdirSync(projects).sort();
    await expect(studio.call('importArticle', { path: path.join(writing, 'nowhere.md') })).rejects.toMatchObject({
      payload: { code: 'import-unreadable', message: expect.stringMatching(/could not be found/) },
    });
    writeFileSync(path.join(writing, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    await expect(studio.call('importArticle', { path: path.join(writing, 'binary.md') })).rejects.toMatchObject({
      payload: { code: 'import-unreadable', message: expect.stringMatching(/not a text file/) },
    });
    await expect(studio.raw('importArticle', { path: '' })).rejects.toMatchObject({ payload: { code: 'invalid-request' } });
    expect(readdirSync(projects).sort()).toEqual(projectsBefore);
  });

  it('offers Markdown and text files (and folders) in the browser picker for Import', async () => {
    writeFileSync(path.join(writing, 'notes.txt'), 'Notes');
    writeFileSync(path.join(writing, 'photo.jpg'), 'not shown');
    const listing = await studio.call('listFolder', { path: writing, purpose: 'import-article' });
    expect(listing.entries.map((entry) => entry.name).sort()).toEqual(['binary.md', 'harbour.md', 'lost.md', 'notes.txt', 'pictures']);
  });
});
