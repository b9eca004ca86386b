/**
 * The background captioner's rules with a scripted describer (the real model runs in
 * test/integration/library/background-captions.test.ts): it captions with nothing asked, yields
 * at once to the writer and never starts beside the writer's work, pauses, keeps its progress,
 * and gives up on a picture that keeps failing.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AbortedError, ModelError } from '../../../native-models/errors';
import { BackgroundCaptioner } from '../../../electron/studio/library/background-captioner';
import type { ImageDescriber } from '../../../electron/studio/library/image-describer';
import { ImageLibrary } from '../../../electron/studio/library/image-library';
import { indexFolder } from '../../../electron/studio/library/index-folder';
import { ModelUse } from '../../../electron/studio/model/model-use';
import type { BackgroundCaptions } from '@contract/library';
import { fakeEmbedder } from './fake-embedder';
import { libraryFolder, type LibraryFolder } from './library-folder';

interface CaptionCall {
  sha256: string;
  startedAt: number;
  endedAt?: number;
  aborted?: boolean;
}

/** Answers "picture W by H" after `takesMs`, unless aborted first; the picture `failOn` (a hash) gets a model error. */
function scriptedDescriber(options: { takesMs: number; failOn?: string }): ImageDescriber & { calls: CaptionCall[] } {
  const calls: CaptionCall[] = [];
  return {
    calls,
    caption: (image, signal) =>
      new Promise((resolve, reject) => {
        const call: CaptionCall = { sha256: image.sha256, startedAt: performance.now() };
        calls.push(call);
        const timer = setTimeout(() => {
          call.endedAt = performance.now();
          if (image.sha256 === options.failOn) reject(new ModelError('host-crashed', 'The model stopped.'));
          else resolve(`picture ${image.width} by ${image.height}`);
        }, options.takesMs);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          call.endedAt = performance.now();
          call.aborted = true;
          reject(new AbortedError());
        });
      }),
  };
}

let folder: LibraryFolder;
let modelUse: ModelUse;
let captioner: BackgroundCaptioner | null = null;

beforeEach(async () => {
  folder = await libraryFolder([
    { name: 'a.png', seed: 1 },
    { name: 'b.png', seed: 2 },
    { name: 'c.png', seed: 3 },
    { name: 'd.png', seed: 4 },
  ]);
  await indexFolder(folder.library, folder.pictures, { embedder: fakeEmbedder() });
  modelUse = new ModelUse();
});
afterEach(async () => {
  await captioner?.close();
  captioner = null;
  folder.library.close();
});

function startCaptioner(describer: ImageDescriber | string | (() => ImageDescriber | string), on = true): BackgroundCaptioner {
  captioner = new BackgroundCaptioner({
    library: () => folder.library,
    describer: typeof describer === 'function' ? describer : () => describer,
    modelUse,
    on,
    quietMs: 50,
    retryAfterMs: 20,
    onChange: () => undefined,
  });
  captioner.start();
  return captioner;
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const captions = () => [1, 2, 3, 4].map((id) => folder.library.imageById(id)?.caption);
const stateOf = (running: BackgroundCaptioner): BackgroundCaptions => running.state();

describe('the background captioner', () => {
  it('captions every picture with nothing asked, one at a time, and says when it is done', async () => {
    const describer = scriptedDescriber({ takesMs: 5 });
    const running = startCaptioner(describer);
    expect(stateOf(running).left).toBe(4);
    await until(() => stateOf(running).activity === 'done');
    expect(captions()).toEqual(Array(4).fill(expect.stringMatching(/^picture \d+ by \d+$/)));
    expect(stateOf(running)).toMatchObject({ left: 0, failed: 0, on: true });
    expect(folder.library.textMatches('picture', 10, new Set())).toHaveLength(4);
    // One at a time: each call ended before the next began.
    for (const [index, call] of describer.calls.slice(1).entries())
      expect(call.startedAt).toBeGreaterThanOrEqual(describer.calls[index]?.endedAt ?? 0);
  });

  it('aborts the caption in flight the moment the writer starts, and starts none until the writer is done', async () => {
    const describer = scriptedDescriber({ takesMs: 2_000 });
    startCaptioner(describer);
    await until(() => describer.calls.length === 1);
    const writerStarted = performance.now();
    const writerEnds = modelUse.writerStarts();
    const inFlight = describer.calls[0] as CaptionCall;
    expect(inFlight.aborted).toBe(true);
    // The writer waited for nothing: the call stopped as the writer started (the real engine's bound is measured in the integration test).
    expect((inFlight.endedAt ?? Infinity) - writerStarted).toBeLessThan(5);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(describer.calls).toHaveLength(1);
    writerEnds();
    const writerEnded = performance.now();
    await until(() => describer.calls.length === 2);
    // The quiet time passes before the next caption: a writer's next call often follows at once.
    expect((describer.calls[1]?.startedAt ?? 0) - writerEnded).toBeGreaterThanOrEqual(45);
    // The aborted picture is captioned again, not skipped or counted as a failure.
    expect(folder.library.captionFailures()).toBe(0);
  });

  it('waits for quiet: a writer busy before it starts keeps it waiting', async () => {
    const describer = scriptedDescriber({ takesMs: 5 });
    const writerEnds = modelUse.writerStarts();
    const running = startCaptioner(describer);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(describer.calls).toHaveLength(0);
    expect(stateOf(running).activity).toBe('waiting');
    writerEnds();
    await until(() => stateOf(running).activity === 'done');
    expect(describer.calls).toHaveLength(4);
  });

  it('pauses when switched off (aborting the call in flight) and resumes where it stopped', async () => {
    const describer = scriptedDescriber({ takesMs: 100 });
    const running = startCaptioner(describer);
    await until(() => captions().filter(Boolean).length === 1 && describer.calls.length === 2);
    running.setOn(false);
    expect(describer.calls[1]?.aborted).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(describer.calls).toHaveLength(2);
    expect(stateOf(running)).toMatchObject({ on: false, activity: 'paused', left: 3 });
    running.setOn(true);
    await until(() => stateOf(running).activity === 'done');
    expect(captions().every(Boolean)).toBe(true);
  });

  it('keeps its progress: a new captioner (the next start) captions only what is left', async () => {
    const first = scriptedDescriber({ takesMs: 100 });
    const running = startCaptioner(first);
    await until(() => captions().filter(Boolean).length === 2);
    await running.close();
    folder.library.close();
    folder.library = ImageLibrary.open(path.join(folder.root, 'library.sqlite'));
    const second = scriptedDescriber({ takesMs: 5 });
    const next = startCaptioner(second);
    await until(() => stateOf(next).activity === 'done');
    expect(second.calls.length).toBeLessThanOrEqual(2);
    expect(captions().every(Boolean)).toBe(true);
  });

  it('gives up on a picture after three failures and captions the rest; an unreadable file counts as one', async () => {
    const failOn = folder.library.imageById(1)?.sha256;
    rmSync(folder.library.imageById(4)?.path ?? '');
    const describer = scriptedDescriber({ takesMs: 5, ...(failOn ? { failOn } : {}) });
    const running = startCaptioner(describer);
    await until(() => stateOf(running).activity === 'done');
    expect(stateOf(running)).toMatchObject({ left: 0, failed: 2 });
    expect(captions().filter(Boolean)).toHaveLength(2);
    expect(describer.calls.filter((call) => call.sha256 === failOn)).toHaveLength(3);
    expect(captions()).toEqual(['', expect.any(String), expect.any(String), '']);
  });

  it('says why it cannot run, and starts once a model that can is there', async () => {
    let describer: ImageDescriber | string = 'The demo model writes nonsense, so captions wait for a real model.';
    const running = startCaptioner(() => describer);
    await until(() => stateOf(running).activity === 'unavailable');
    expect(stateOf(running).note).toMatch(/demo model/);
    const real = scriptedDescriber({ takesMs: 5 });
    describer = real;
    running.wake();
    await until(() => stateOf(running).activity === 'done');
    expect(real.calls).toHaveLength(4);
  });
});
