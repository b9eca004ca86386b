/// <reference lib="dom" />
/**
 * The editor while the library indexes: the served studio in Chromium streams tokens into the
 * editor (as compose does, bench:ui's hook) while the same server indexes a folder of photos
 * through the image-embedding model; frame times are read in the page.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startStudioServer } from '../../electron/server/studio-server';
import { StudioService } from '../../electron/studio/service/studio-service';
import { CHROMIUM_ARGS, chromiumPath } from '../fixtures/headless-chromium';
import { percentile } from './percentiles';

interface BenchWindow {
  folioBench: {
    streamTokens(tokens: readonly string[], options: { intervalMs: number }): Promise<{ frameTimes: number[] }>;
  };
}

export interface EditorFrames {
  frameP95: number;
  frameMax: number;
  frames: number;
  /** Pictures the index had handled when the streaming ended. */
  indexedMeanwhile: number;
}

export async function editorFramesWhileIndexing(folder: string, embeddingModelDir: string, tokens = 2000): Promise<EditorFrames> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'folio-bench-editor-'));
  const service = await StudioService.create({ dataDir, shell: 'browser', loadConfiguredModel: false, embeddingModelDir });
  const server = await startStudioServer({ service });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  let handled = 0;
  let embedding = (): void => undefined;
  const started = new Promise<void>((resolve) => (embedding = resolve));
  const stop = service.onEvent((event) => {
    if (event.type === 'job-progress' && event.progress.kind === 'index' && event.progress.phase === 'embedding') {
      handled = event.progress.done;
      embedding();
    }
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url.replace('/#', '/?bench=1#'));
    await page.waitForFunction(() => 'folioBench' in window, undefined, { timeout: 30_000 });
    const indexing = service.handle('indexLibrary', { jobId: 'bench-index', folder }).catch(() => undefined);
    await started;
    const words = Array.from({ length: tokens }, (_, i) => (i % 120 === 119 ? '.\n\n' : ` word${i % 50}`));
    const result = await page.evaluate(([list]) => (window as unknown as BenchWindow).folioBench.streamTokens(list, { intervalMs: 4 }), [
      words,
    ] as const);
    const indexedMeanwhile = handled;
    await service.handle('cancelJob', { jobId: 'bench-index' });
    await indexing;
    return {
      frameP95: percentile(result.frameTimes, 95),
      frameMax: Math.max(...result.frameTimes),
      frames: result.frameTimes.length,
      indexedMeanwhile,
    };
  } finally {
    stop();
    await browser.close();
    await server.close();
    await service.close();
  }
}
