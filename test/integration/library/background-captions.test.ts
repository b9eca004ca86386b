/**
 * The library's background captioner on the real engine with the tiny models (its rules with a
 * scripted describer: test/unit/library/background-captioner.test.ts).
 *
 * Through the studio: captions reach the database with nothing asked, an ask started while a
 * caption runs gets its answer and no caption is written beside it, and the captioner finishes
 * the library afterwards. On a session: the writer's wait behind the caption in flight, measured
 * (the aborted call's end minus the ask's start), against the length of one whole caption call.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryState, StudioEvent } from '@contract/studio-api';
import { StudioService } from '../../../electron/studio/service/studio-service';
import { BackgroundCaptioner } from '../../../electron/studio/library/background-captioner';
import type { ImageDescriber } from '../../../electron/studio/library/image-describer';
import { DECIDING_SAMPLING } from '../../../native-models/prompts/sampling-defaults';
import { ImageLibrary, PictureEmbedder, indexFolder, prepareImage } from '../../../electron/studio/library';
import type { ModelSession } from '../../../electron/studio/model/model-session';
import { ModelUse } from '../../../electron/studio/model/model-use';
import { writePictureFolder } from '../../fixtures/images';
import { TINY_CLIP, TINY_DECODER, TINY_PROJECTOR } from '../../helpers/fixture-paths';
import { openTinySession } from '../../helpers/tiny-session';

const PICTURES = 6;
/** The wait test's caption length: long calls, so a writer kept behind one would show. */
const CAPTION_CHARACTERS = 1000;

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Captions in the library file, read through a connection of its own (not the studio's). */
function captionedInFile(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT count(*) AS count FROM images WHERE caption != ''").get() as { count: number }).count;
  } finally {
    db.close();
  }
}

describe('background captions through the studio', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'folio-background-captions-'));
  const pictures = path.join(dataDir, 'pictures');
  const libraryFile = path.join(dataDir, 'library.sqlite');
  const events: Array<{ at: number; event: StudioEvent }> = [];
  let service: StudioService;

  beforeAll(async () => {
    await writePictureFolder(pictures, PICTURES);
    service = await StudioService.create({
      dataDir,
      shell: 'browser',
      demoPair: { decoder: TINY_DECODER, projector: TINY_PROJECTOR },
      modelsDir: path.join(dataDir, 'models'),
      embeddingModelDir: TINY_CLIP,
      contextSize: 2048,
      backgroundCaptions: { quietMs: 300 },
    });
    service.onEvent((event) => events.push({ at: performance.now(), event }));
  });
  afterAll(async () => {
    await service.close();
  });

  const state = () => service.handle('libraryState', undefined) as Promise<LibraryState>;

  it('waits for a model that sees pictures, then captions the library with nothing asked', async () => {
    await service.handle('indexLibrary', { jobId: 'index', folder: pictures });
    expect((await state()).captions).toMatchObject({ on: true, activity: 'unavailable', left: PICTURES });
    expect((await state()).captions.note).toMatch(/model is loaded/);
    await service.handle('loadModel', { source: { kind: 'files', decoder: TINY_DECODER, projector: TINY_PROJECTOR } });
    await until(() => captionedInFile(libraryFile) >= 1);
    expect((await state()).captions.left).toBeLessThan(PICTURES);
  });

  it('writes no caption beside an ask started while one runs, and finishes the library after it', async () => {
    await until(async () => (await state()).captions.activity === 'captioning');
    const before = captionedInFile(libraryFile);
    const askStarted = performance.now();
    const asked = (await service.handle('ask', { jobId: 'ask', question: 'What makes a harbour busy?', seed: 3 })) as {
      answer: string;
    };
    const askEnded = performance.now();
    expect(asked.answer.length).toBeGreaterThan(0);
    // The caption in flight was stopped as the ask began: at most that one (had it just finished) lands, none starts.
    expect(captionedInFile(libraryFile) - before).toBeLessThanOrEqual(1);
    const during = events.filter(
      ({ at, event }) =>
        at > askStarted + 50 && at < askEnded && event.type === 'library-changed' && event.library.captions.activity === 'captioning',
    );
    expect(during).toEqual([]);
    const firstToken = events.find(
      ({ at, event }) => at > askStarted && event.type === 'job-progress' && event.jobId === 'ask' && event.progress.kind === 'ask',
    );
    console.log(
      `ask during a background caption: first token after ${((firstToken?.at ?? askEnded) - askStarted).toFixed(0)} ms, answer after ${(askEnded - askStarted).toFixed(0)} ms`,
    );
    await until(async () => (await state()).captions.activity === 'done');
    const done = (await state()).captions;
    expect(done.left).toBe(0);
    expect(captionedInFile(libraryFile) + done.failed).toBe(PICTURES);
    expect(captionedInFile(libraryFile)).toBeGreaterThan(done.failed);
    // Search by words now finds pictures by their captions.
    expect((await state()).uncaptioned).toBe(done.failed);
  });

  it('is switched off and on by the writer, and the switch is kept', async () => {
    expect((await service.handle('setBackgroundCaptions', { on: false })) as LibraryState).toMatchObject({
      captions: { on: false, activity: 'paused' },
    });
    expect((await state()).captions.on).toBe(false);
    expect(((await service.handle('setBackgroundCaptions', { on: true })) as LibraryState).captions.on).toBe(true);
  });
});

interface CaptionCall {
  startedAt: number;
  settledAt?: number;
  aborted?: boolean;
}

/**
 * Captions as a large model writes them, slowly: the caption prompt with the picture, asked on the
 * real engine as background work, held to CAPTION_CHARACTERS letters by a grammar (the tiny random
 * model stops at once otherwise), with each call's start and end recorded.
 */
function slowDescriber(session: ModelSession): ImageDescriber & { calls: CaptionCall[] } {
  const calls: CaptionCall[] = [];
  return {
    calls,
    async caption(image, signal) {
      const call: CaptionCall = { startedAt: performance.now() };
      calls.push(call);
      try {
        const answer = await session.ask(session.family.caption({ bytes: image.bytes, mimeType: image.mimeType }), {
          // Greedy: every call on the same picture the same length.
          sampling: { ...DECIDING_SAMPLING, seed: 0 },
          maxTokens: CAPTION_CHARACTERS + 8,
          constraint: { type: 'grammar', grammar: `root ::= [a-z]{${CAPTION_CHARACTERS}}` },
          background: true,
          ...(signal ? { signal } : {}),
        });
        return answer.text;
      } catch (error) {
        call.aborted = signal?.aborted ?? false;
        throw error;
      } finally {
        call.settledAt = performance.now();
      }
    },
  };
}

describe("the writer's wait behind a background caption", () => {
  let session: ModelSession;
  let embedder: PictureEmbedder;
  let library: ImageLibrary;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-caption-wait-'));
    await writePictureFolder(path.join(dir, 'pictures'), 4);
    session = await openTinySession();
    embedder = await PictureEmbedder.start(TINY_CLIP, { threads: 1 });
    library = ImageLibrary.open(path.join(dir, 'library.sqlite'));
    await indexFolder(library, path.join(dir, 'pictures'), { embedder });
  });
  afterAll(async () => {
    await embedder.close();
    library.close();
    await session.close();
  });

  it('an ask started mid-caption waits only for that call to stop, far less than the call would take', async () => {
    const modelUse = new ModelUse();
    session.modelUse = modelUse;
    const describer = slowDescriber(session);
    // Whole caption calls with no writer about: the first picture twice (the first call warms the engine).
    const picture = await prepareImage({ path: library.imageById(1)?.path ?? '' });
    await describer.caption(picture);
    const started = performance.now();
    await describer.caption(picture);
    const whole = performance.now() - started;
    describer.calls.length = 0;
    const captioner = new BackgroundCaptioner({
      library: () => library,
      describer: () => describer,
      modelUse,
      on: true,
      quietMs: 100,
      onChange: () => undefined,
    });
    captioner.start();
    try {
      await until(() => describer.calls.length === 1);
      const inFlight = describer.calls[0] as CaptionCall;
      // Into the call's token generation, past the picture's encoding.
      await until(() => performance.now() - inFlight.startedAt > whole / 4);
      expect(inFlight.settledAt).toBeUndefined();

      const askStarted = performance.now();
      let firstToken = 0;
      await session.ask(session.family.chat({ turns: [{ role: 'user', content: 'Name a harbour.' }] }), {
        maxTokens: 8,
        onToken: () => (firstToken ||= performance.now()),
      });
      const askEnded = performance.now();
      const wait = (inFlight.settledAt ?? Infinity) - askStarted;
      console.log(
        `one whole caption call (${CAPTION_CHARACTERS} letters) ${whole.toFixed(0)} ms; the ask waited ${wait.toFixed(1)} ms for the caption in flight to stop; first token after ${(firstToken - askStarted).toFixed(0)} ms`,
      );
      expect(inFlight.aborted).toBe(true);
      // The bound: the caption in flight stops within a token, not at its end (three quarters of the call were still to come).
      expect(wait).toBeLessThan(whole / 2);
      // No caption call started while the ask ran; the picture is captioned after it.
      expect(describer.calls.filter((call) => call.startedAt > askStarted && call.startedAt < askEnded)).toEqual([]);
      await until(() => Boolean(library.imageById(1)?.caption));
    } finally {
      await captioner.close();
    }
  });
});
