/**
 * Hostile and careless project files through the real server's Studio API (issue 12): a deeply
 * nested document, an autosave folder linked elsewhere, a FIFO where a file should be, system
 * folders as save and export targets, a document an export would write straight into markup.
 * Every one ends as that request's error, quickly, and the server keeps answering. No model.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDocument } from '@contract/studio-api';
import { startStudioServer, type RunningStudioServer } from '../../../electron/server/studio-server';
import { createProject } from '../../../electron/studio/documents/save-project';
import { StudioService } from '../../../electron/studio/service/studio-service';
import { TINY_DECODER, TINY_PROJECTOR } from '../../helpers/fixture-paths';
import { connectStudio, type TestStudioClient } from '../../helpers/studio-client';

const onLinux = process.platform === 'linux';
let dataDir = '';
let outside = '';
let running: { service: StudioService; server: RunningStudioServer; studio: TestStudioClient } | null = null;

async function startStudio(): Promise<TestStudioClient> {
  await stopStudio();
  const service = await StudioService.create({
    dataDir,
    shell: 'browser',
    demoPair: { decoder: TINY_DECODER, projector: TINY_PROJECTOR },
    modelsDir: path.join(dataDir, 'models'),
    loadConfiguredModel: false,
  });
  const server = await startStudioServer({ service });
  const studio = await connectStudio(server.baseUrl, server.token);
  running = { service, server, studio };
  return studio;
}

async function stopStudio(): Promise<void> {
  if (!running) return;
  running.studio.close();
  await running.server.close();
  await running.service.close();
  running = null;
}

/** The request's outcome, and how long it took. */
async function timed<T>(call: Promise<T>): Promise<{ outcome: T | { error: unknown }; ms: number }> {
  const started = Date.now();
  const outcome = await call.catch((error: unknown) => ({ error }));
  return { outcome, ms: Date.now() - started };
}

const article = (content: unknown[]): ArticleDocument => ({ type: 'doc', attrs: { schemaVersion: 1 }, content }) as ArticleDocument;
const words = article([
  { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Harbour' }] },
  { type: 'paragraph', content: [{ type: 'text', text: 'Boats at dawn.' }] },
]);
const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'folio-files-hardening-'));
  outside = path.join(dataDir, 'elsewhere');
  await mkdir(outside);
});
afterAll(async () => {
  await stopStudio();
  await rm(dataDir, { recursive: true, force: true });
});

describe('project files from a hostile or careless source', () => {
  it('refuses a deeply nested document as an error, keeps answering, and does not reopen it at the next start', async () => {
    const studio = await startStudio();
    const dir = await createProject(dataDir, 'Deep');
    await writeFile(path.join(dir, 'document.json'), `{"type":"doc","attrs":{"schemaVersion":1},"content":[],"extra":${nested(20_000)}}`);
    await expect(studio.call('openProject', { dir })).rejects.toMatchObject({
      payload: { code: 'document-invalid', message: expect.stringMatching(/nests more than \d+ levels deep/) },
    });
    // Unknown structure a few levels deep is refused too: it is not the editor's.
    const withExtra = (extra: unknown): ArticleDocument => article([...words.content, { type: 'paragraph', extra }]);
    await expect(studio.call('saveDocument', { document: withExtra({ a: { b: [1] } }), mode: 'save' })).rejects.toMatchObject({
      payload: { code: 'invalid-document' },
    });
    await expect(studio.call('saveDocument', { document: withExtra(JSON.parse(nested(2_000))), mode: 'autosave' })).rejects.toMatchObject({
      payload: { code: 'invalid-document', message: expect.stringMatching(/nests more than/) },
    });
    // Flat attributes a later editor adds still pass.
    await studio.call('saveDocument', { document: withExtra({ align: 'left' }), mode: 'autosave' });
    expect(await studio.call('capabilities')).toMatchObject({ shell: 'browser' });
    const reopened = await startStudio();
    expect((await reopened.call('openWorkspace')).project.dir).not.toBe(dir);
  });

  it('does not open again at start a project the last run stopped while opening', async () => {
    const dir = await createProject(dataDir, 'Interrupted');
    await stopStudio();
    const settings = path.join(dataDir, 'settings.json');
    const saved = JSON.parse(await readFile(settings, 'utf8')) as Record<string, unknown>;
    await writeFile(settings, JSON.stringify({ ...saved, lastProject: dir, openingProject: dir }));
    const studio = await startStudio();
    const workspace = await studio.call('openWorkspace');
    expect(workspace.project.dir).not.toBe(dir);
    expect(workspace.warnings.join('\n')).toMatch(/stopped while opening .*Interrupted\.folio/);
    // Chosen again by the writer, it opens.
    expect((await studio.call('openProject', { dir })).project.dir).toBe(dir);
  });

  it('saves without touching the files an .autosave link points to', async () => {
    const studio = await startStudio();
    const { project } = await studio.call('newProject', { title: 'Linked autosave' });
    const victims = { document: path.join(outside, 'document.json'), manifest: path.join(outside, 'project.json') };
    await writeFile(victims.document, 'keep me');
    await writeFile(victims.manifest, 'keep me too');
    await symlink(outside, path.join(project.dir, '.autosave'));
    await expect(studio.call('saveDocument', { document: words, mode: 'autosave' })).rejects.toMatchObject({
      payload: { code: 'path-escapes' },
    });
    await studio.call('saveDocument', { document: words, mode: 'save' });
    expect(await readFile(victims.document, 'utf8')).toBe('keep me');
    expect(await readFile(victims.manifest, 'utf8')).toBe('keep me too');
    expect(await readFile(path.join(project.dir, 'document.json'), 'utf8')).toContain('Boats at dawn.');
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO as document.json or autosave at once, and keeps answering', async () => {
    const studio = await startStudio();
    const dir = await createProject(dataDir, 'Piped');
    await rm(path.join(dir, 'document.json'));
    execFileSync('mkfifo', [path.join(dir, 'document.json')]);
    // More requests than libuv has file threads: before, each one held a thread for good.
    for (let attempt = 0; attempt < 5; attempt++) {
      const { outcome, ms } = await timed(studio.call('openProject', { dir }));
      expect(outcome).toMatchObject({
        error: { payload: { code: 'file-unreadable', message: 'document.json in the project is not a file.' } },
      });
      // A FIFO held a file thread for good before; a loaded machine takes seconds, not minutes.
      expect(ms).toBeLessThan(30_000);
    }
    const recovered = await createProject(dataDir, 'Piped autosave');
    await mkdir(path.join(recovered, '.autosave'));
    execFileSync('mkfifo', [path.join(recovered, '.autosave', 'document.json')]);
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(recovered, '.autosave', 'document.json'), later, later);
    const { outcome, ms } = await timed(studio.call('openProject', { dir: recovered }));
    // A FIFO held a file thread for good before; a loaded machine takes seconds, not minutes.
    expect(ms).toBeLessThan(30_000);
    expect(outcome).toMatchObject({ recovered: false, warnings: [expect.stringMatching(/could not be recovered: .*not a file/)] });
    expect(await studio.call('capabilities')).toMatchObject({ shell: 'browser' });
  });

  it.skipIf(!onLinux)('refuses /proc, /sys and a file on the way as save and export targets, quickly', async () => {
    const studio = await startStudio();
    await studio.call('newProject', { title: 'Targets' });
    const aFile = path.join(dataDir, 'a-file.txt');
    await writeFile(aFile, 'not a folder');
    const cases: Array<() => Promise<unknown>> = [
      () => studio.call('exportArticle', { jobId: 'proc-export', document: words, format: 'md', path: '/proc/self/x.md' }),
      () => studio.call('exportArticle', { jobId: 'proc-sub-export', document: words, format: 'html', path: '/proc/self/sub/x.html' }),
      () => studio.call('saveProjectAs', { document: words, dir: '/proc/self/sub/' }),
      () => studio.call('saveProjectAs', { document: words, dir: '/sys/kernel/Article.folio' }),
      () => studio.call('saveProjectAs', { document: words, dir: path.join(aFile, 'sub') }),
    ];
    for (const call of cases) {
      const { outcome, ms } = await timed(call());
      // The old code spun for good under /proc (mkdir -p); a loaded machine takes seconds, not minutes.
      expect(ms).toBeLessThan(30_000);
      expect(outcome).toMatchObject({ error: { payload: { message: expect.stringMatching(/system location|is a file, not a folder/) } } });
    }
    // /tmp stays allowed (often tmpfs, as /dev is).
    const target = path.join(os.tmpdir(), `folio-hardening-${process.pid}`, 'nested', 'x.html');
    expect(await studio.call('exportArticle', { jobId: 'tmp-export', document: words, format: 'html', path: target })).toEqual({
      path: target,
    });
    await rm(path.dirname(path.dirname(target)), { recursive: true, force: true });
  });

  it('validates the document an export writes, as a save does, and so does every method that takes one', async () => {
    const studio = await startStudio();
    await studio.call('newProject', { title: 'Export check' });
    const out = path.join(dataDir, 'exports', 'x.html');
    const hostile = article([
      {
        type: 'heading',
        attrs: { level: '1><meta http-equiv="refresh" content="0;url=http://evil.example">' },
        content: [{ type: 'text', text: 'Hi' }],
      },
    ]);
    const calls = [
      () => studio.call('exportArticle', { jobId: 'hostile', document: hostile, format: 'html', path: out }),
      () => studio.call('saveDocument', { document: hostile, mode: 'save' }),
      () => studio.call('saveProjectAs', { document: hostile, dir: path.join(dataDir, 'Copy.folio') }),
      // Refused before the model is asked for (none is loaded here).
      () => studio.call('editParagraph', { jobId: 'hostile-edit', document: hostile, paragraphIndex: 0, action: 'rewrite' }),
      () => studio.call('ask', { jobId: 'hostile-ask', question: 'What is this about?', document: hostile }),
    ];
    for (const call of calls)
      await expect(call()).rejects.toMatchObject({
        payload: { code: 'invalid-document', message: expect.stringMatching(/block 1 \(a heading\)/) },
      });
    expect(existsSync(out)).toBe(false);
    expect(existsSync(path.join(dataDir, 'Copy.folio'))).toBe(false);
  });
});
