/**
 * The Studio API through the headless server's WebSocket, with the real engine on the tiny
 * models: first run, the demo model, a library, compose, edits, ask, autosave and reopening,
 * and the guard in front of the socket.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDocument, FigureNode } from '@contract/studio-api';
import { startStudioServer, type RunningStudioServer } from '../../../electron/server/studio-server';
import { StudioService } from '../../../electron/studio/service/studio-service';
import { storeAsset } from '../../../electron/studio/documents/project-assets';
import { textOf } from '../../../electron/studio/documents/article-document';
import { splitArticle } from '../../../electron/studio/compose/split-article';
import { PICTURE_TYPES } from '../../../native-models/images/picture-types';
import { truncatedJpeg, writePictureFolder } from '../../fixtures/images';
import { testPicture } from '../../fixtures/png';
import { TINY_DECODER, TINY_PROJECTOR } from '../../helpers/fixture-paths';
import { describeProgress } from '../../../renderer/src/format/describe-progress';
import { StudioCallError, connectStudio, type TestStudioClient } from '../../helpers/studio-client';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'folio-studio-api-'));
const pictures = path.join(dataDir, 'pictures');
const demoPair = { decoder: TINY_DECODER, projector: TINY_PROJECTOR };
let service: StudioService;
let server: RunningStudioServer;
let studio: TestStudioClient;
let composed: ArticleDocument;

beforeAll(async () => {
  await writePictureFolder(pictures, 8);
  service = await StudioService.create({ dataDir, shell: 'browser', demoPair, modelsDir: path.join(dataDir, 'models'), contextSize: 4096 });
  server = await startStudioServer({ service });
  studio = await connectStudio(server.baseUrl, server.token);
});
afterAll(async () => {
  studio.close();
  await server.close();
  await service.close();
});

const figuresOf = (document: ArticleDocument): FigureNode[] =>
  document.content.filter((node): node is FigureNode => node.type === 'figure');

describe('the Studio API over the WebSocket', () => {
  it('refuses a socket without the token or from a foreign page', async () => {
    await expect(connectStudio(server.baseUrl, 'wrong')).rejects.toThrow(/401/);
    await expect(connectStudio(server.baseUrl, server.token, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });

  it('refuses malformed requests with a typed error', async () => {
    await expect(studio.raw('deleteEverything', null)).rejects.toMatchObject({ payload: { code: 'unknown-method' } });
    await expect(studio.raw('compose', { jobId: 'x', outline: '' })).rejects.toMatchObject({ payload: { code: 'invalid-request' } });
    await expect(studio.call('searchLibrary', { query: 'x', limit: 5000 })).rejects.toBeInstanceOf(StudioCallError);
  });

  it("says which picture types it reads, from native-models' one table, for the renderer's pickers", async () => {
    const capabilities = await studio.call('capabilities');
    expect(capabilities.pictureTypes.map((type) => type.mimeType)).toEqual(PICTURE_TYPES.map((type) => type.mimeType));
    expect(capabilities.pictureTypes.flatMap((type) => type.extensions)).toEqual(PICTURE_TYPES.flatMap((type) => [...type.extensions]));
  });

  it('opens on model setup with the demo model offered, then loads it', async () => {
    const setup = await studio.call('modelSetup');
    expect(setup.needsSetup).toBe(true);
    expect(setup.demo).toMatchObject({ available: true, label: expect.stringMatching(/nonsense/) });
    await expect(
      studio.call('compose', { jobId: 'early', outline: '# A', referenceAssetIds: [], figures: 1, useLibrary: false }),
    ).rejects.toMatchObject({ payload: { code: 'no-model' } });
    const status = await studio.call('loadModel', { source: { kind: 'demo' } });
    expect(status).toMatchObject({ state: 'ready', demo: true, vision: true });
    // What it runs on in a writer's words (issue 23, minor); the engine's thread plan and backend report are the detail.
    expect(status.runsOn).toMatch(/^Runs on this computer's processor, with \d+ cores?$/);
    expect(status.runsOnDetail).toMatch(/\d+ threads?\b/);
    expect(studio.events.some((event) => event.type === 'model-status' && event.status.state === 'loading')).toBe(true);
    expect((await studio.call('modelSetup')).needsSetup).toBe(false);
  });

  it('checks model files before offering them', async () => {
    expect(await studio.call('checkModelFiles', { decoder: TINY_DECODER, projector: TINY_PROJECTOR })).toMatchObject({
      ok: true,
      summary: { seesImages: true },
    });
    expect(await studio.call('checkModelFiles', { decoder: path.join(dataDir, 'nope.gguf'), projector: null })).toMatchObject({
      ok: false,
      error: { code: 'file-missing' },
    });
  });

  it('indexes a folder with progress through the image-embedding model (the demo one) and searches it', async () => {
    const result = await studio.call('indexLibrary', { jobId: 'index-1', folder: pictures });
    expect(result).toMatchObject({ added: 8, duplicates: 0, skipped: 0, cancelled: false });
    expect(result.picturesPerSecond).toBeGreaterThan(0);
    expect(
      studio.events.some(
        (event) =>
          event.type === 'job-progress' &&
          event.jobId === 'index-1' &&
          event.progress.kind === 'index' &&
          event.progress.phase === 'embedding',
      ),
    ).toBe(true);
    expect(await studio.call('libraryState')).toMatchObject({
      folder: pictures,
      pictures: 8,
      folders: [{ path: pictures, pictures: 8, duplicates: 0, skipped: 0, skippedFiles: [] }],
      embeddingModel: { demo: true },
      uncaptioned: 8,
    });
    const found = await studio.call('searchLibrary', { query: 'picture', limit: 4 });
    expect(found.length).toBeGreaterThan(0);
    const thumbnail = await fetch(`${server.baseUrl}/library/thumbnails/${found[0]?.id}`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
  });

  it('composes an illustrated article from the library, streaming the text', async () => {
    const outcome = await studio.call('compose', {
      jobId: 'compose-1',
      outline: '# Harbours\n## Boats\n## Nets',
      referenceAssetIds: [],
      figures: 2,
      useLibrary: true,
      seed: 7,
    });
    composed = outcome.document;
    expect(outcome.cancelled).toBe(false);
    expect(composed.content.filter((node) => node.type === 'heading').map((node) => node.type === 'heading' && textOf(node))).toEqual([
      'Harbours',
      'Boats',
      'Nets',
    ]);
    const figures = figuresOf(composed);
    expect(figures).toHaveLength(2);
    for (const figure of figures) expect(figure.attrs.candidates.length).toBeGreaterThan(1);
    const streamed = studio.events.flatMap((event) =>
      event.type === 'job-progress' && event.jobId === 'compose-1' && event.progress.kind === 'compose' && event.progress.textDelta
        ? [event.progress.textDelta]
        : [],
    );
    expect(streamed.join('').length).toBeGreaterThan(20);
    // The progress shows the writing's pace and the time left for the whole compose, from the
    // engine's speeds in this run, as the studio's progress element words it.
    const progress = studio.events.flatMap((event) =>
      event.type === 'job-progress' && event.jobId === 'compose-1' && event.progress.kind === 'compose' ? [event.progress] : [],
    );
    const writing = progress.filter((step) => step.step === 'write' && step.secondsLeft !== null);
    expect(writing.length).toBeGreaterThan(0);
    expect(describeProgress(writing.at(-1) ?? null, 'Composing')).toMatch(
      /^Writing the article… \d+ tokens, [\d.]+ a second, about [\dh ]+(s|min) left$/,
    );
    const figureStep = progress.find((step) => step.slot !== null && step.secondsLeft !== null);
    expect(describeProgress(figureStep ?? null, 'Composing')).toMatch(/^Figure \d of 2: .*, about [\dh ]+(s|min) left$/);
    // Every candidate is in the project, so the writer can swap to it.
    const candidate = figures[0]?.attrs.candidates[1] as string;
    const picture = await fetch(`${server.baseUrl}/assets/${candidate}`, { headers: { authorization: `Bearer ${server.token}` } });
    expect(picture.status).toBe(200);
    // And a small copy for the figure's strip of candidates.
    const small = await fetch(`${server.baseUrl}/assets/${candidate}/thumbnail`, { headers: { authorization: `Bearer ${server.token}` } });
    expect(small.headers.get('content-type')).toBe('image/webp');
    const { width } = await sharp(Buffer.from(await small.arrayBuffer())).metadata();
    expect(width).toBeGreaterThan(0);
  });

  it('swaps a figure to another candidate, captioned again', async () => {
    const before = figuresOf(composed)[0] as FigureNode;
    const other = before.attrs.chosen === 0 ? 1 : 0;
    const { document } = await studio.call('figureAction', {
      jobId: 'swap-1',
      document: composed,
      figureIndex: 0,
      action: { kind: 'swap', candidate: other },
      seed: 3,
    });
    const after = figuresOf(document)[0] as FigureNode;
    expect(after.attrs.chosen).toBe(other);
    expect(after.attrs.assetId).toBe(before.attrs.candidates[other]);
    composed = document;
  });

  it('rewrites one paragraph and leaves the rest alone', async () => {
    const { document, cancelled } = await studio.call('editParagraph', {
      jobId: 'edit-1',
      document: composed,
      paragraphIndex: 0,
      action: 'rewrite',
      seed: 11,
    });
    expect(cancelled).toBe(false);
    expect(document.content.length).toBe(composed.content.length);
    const paragraphs = (doc: ArticleDocument) => doc.content.filter((node) => node.type === 'paragraph');
    expect(paragraphs(document).slice(1)).toEqual(paragraphs(composed).slice(1));
    composed = document;
  });

  it('answers a question about a pasted picture, streamed', async () => {
    const image = await studio.call('importImage', { fileName: '', dataBase64: testPicture(4, 64).toString('base64') });
    expect(image).toMatchObject({ assetId: expect.stringMatching(/^[0-9a-f]{64}$/), width: 64, height: 64 });
    const { answer } = await studio.call('ask', {
      jobId: 'ask-1',
      question: 'What is in this picture?',
      imageAssetId: image.assetId,
      seed: 2,
    });
    const streamed = studio.events.flatMap((event) =>
      event.type === 'job-progress' && event.jobId === 'ask-1' && event.progress.kind === 'ask' ? [event.progress.textDelta] : [],
    );
    expect(streamed.join('')).toBe(answer);
  });

  it('refuses a picture that is not one, with the reason', async () => {
    await expect(
      studio.call('importImage', { fileName: 'notes.png', dataBase64: Buffer.from('not a picture').toString('base64') }),
    ).rejects.toMatchObject({ payload: { code: 'image-refused' } });
  });

  it('refuses to ask about, or compose with, a damaged picture in the project, with the reason', async () => {
    // A project folder can hold anything (copied in, an interrupted download): paste would refuse it.
    const { project } = await studio.call('openWorkspace');
    const { assetId } = await storeAsset(project.dir, await truncatedJpeg());
    await expect(
      studio.call('ask', { jobId: 'ask-broken', question: 'What is in this picture?', imageAssetId: assetId, seed: 2 }),
    ).rejects.toMatchObject({
      payload: { code: 'image-broken', message: expect.stringMatching(/damaged or incomplete/) },
    });
    expect(studio.events.some((event) => event.type === 'job-progress' && event.jobId === 'ask-broken')).toBe(false);
    // The same picture as a compose reference is refused the same way, before any writing.
    await expect(
      studio.call('compose', {
        jobId: 'compose-broken',
        outline: '# Tides\n## Morning',
        referenceAssetIds: [assetId],
        figures: 1,
        useLibrary: false,
        seed: 1,
      }),
    ).rejects.toMatchObject({
      payload: {
        code: 'image-broken',
        message: expect.stringMatching(/reference picture cannot be used: the picture is damaged or incomplete/),
      },
    });
  });

  it('cancels a compose and keeps the editor untouched', async () => {
    const running = studio.call('compose', {
      jobId: 'compose-2',
      outline: '# Long\n## One\n## Two\n## Three',
      referenceAssetIds: [],
      figures: 3,
      useLibrary: true,
      seed: 1,
    });
    while (!studio.events.some((event) => event.type === 'job-progress' && event.jobId === 'compose-2'))
      await new Promise((resolve) => setTimeout(resolve, 20));
    await studio.call('cancelJob', { jobId: 'compose-2' });
    const outcome = await running;
    expect(outcome.cancelled).toBe(true);
  });

  it('survives the model dying mid-answer: what was written is kept with a clear notice, the status says so, the next call restarts it', async () => {
    const { execFileSync } = await import('node:child_process');
    const children = (): number[] =>
      execFileSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .map(Number)
        .filter(Boolean);
    const running = studio.call('compose', {
      jobId: 'compose-crash',
      outline: '# Harbours\n## Boats\n## Nets\n## Evening',
      referenceAssetIds: [],
      figures: 2,
      useLibrary: true,
      seed: 4,
    });
    const streamed = () =>
      studio.events
        .map((event) =>
          event.type === 'job-progress' && event.jobId === 'compose-crash' && event.progress.kind === 'compose'
            ? (event.progress.textDelta ?? '')
            : '',
        )
        .join('');
    // Past the article's heading, so there is text to keep.
    while (!/Harbours\s*\n\s*\n\S/.test(streamed())) await new Promise((resolve) => setTimeout(resolve, 5));
    // The model host is this process's forked child; its process group holds llama-server too.
    const commandOf = (pid: number): string => {
      try {
        return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
      } catch {
        return ''; // gone (the ps that listed the children, for one)
      }
    };
    const hosts = children().filter((pid) => commandOf(pid).includes('host-main'));
    expect(hosts).toHaveLength(1);
    for (const pid of hosts) process.kill(-pid, 'SIGKILL');
    // Issue 23: the text streamed before the crash stays, and the notice names the step and the cause.
    const kept = await running;
    expect(kept.notice).toMatch(/^Writing stopped after \d+ tokens: .*Your work is safe.* What was written is kept\.$/);
    expect(kept.document.content[0]).toMatchObject({ type: 'heading', content: [{ text: 'Harbours' }] });
    const shown = splitArticle(streamed(), Number.POSITIVE_INFINITY).map((block) => block.text);
    expect(shown.slice(0, kept.document.content.length)).toEqual(
      kept.document.content.map((node) => (node.type === 'figure' ? '' : textOf(node))),
    );
    expect(studio.events.some((event) => event.type === 'model-status' && event.status.error?.code === 'host-crashed')).toBe(true);
    const again = await studio.call('ask', { jobId: 'ask-after-crash', question: 'Hello?', seed: 1 });
    expect(typeof again.answer).toBe('string');
    expect((await studio.call('modelStatus')).error).toBeNull();
  });

  it('autosaves, and a new studio on the same folder reopens the work', async () => {
    await studio.call('saveDocument', { document: composed, mode: 'autosave' });
    const again = await StudioService.create({ dataDir, shell: 'browser', demoPair, loadConfiguredModel: false });
    try {
      const workspace = (await again.handle('openWorkspace', null)) as Awaited<ReturnType<TestStudioClient['call']>> & {
        document: ArticleDocument;
        recovered: boolean;
      };
      expect(workspace.document).toEqual(composed);
      expect(workspace.recovered).toBe(true);
    } finally {
      await again.close();
    }
  });
});

describe('small copies of pictures', () => {
  it('are at most 320 pixels, upright, and keep transparency', async () => {
    const { PictureThumbnails } = await import('../../../electron/studio/service/picture-thumbnails');
    const thumbnails = new PictureThumbnails<string>(2);
    const photo = await sharp({ create: { width: 4000, height: 3000, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0.5 } } })
      .png()
      .toBuffer();
    const small = await thumbnails.get('a', async () => photo);
    const facts = await sharp(small?.bytes).metadata();
    expect([facts.format, facts.width, facts.height, facts.hasAlpha]).toEqual(['webp', 320, 240, true]);
    let reads = 0;
    await thumbnails.get('a', async () => (reads++, photo));
    expect(reads).toBe(0);
    expect(await thumbnails.get('broken', async () => Buffer.from('not a picture'))).toBeNull();
  });
});
