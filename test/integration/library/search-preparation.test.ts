/**
 * The library's search is prepared ahead when the library is opened: the studio loads the
 * picture-search model's text tower (real onnxruntime, the tiny generated CLIP) and the vectors
 * as soon as the library's state is asked for, says "preparing" meanwhile, and the first search
 * then needs nothing from disk. Shown by taking the text tower's file away after the preparation:
 * the search still answers (without the preparation the same search fails on the missing file).
 * The time it saves is measured by bench/library/bench-first-search.ts.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LibraryPicture, LibraryState, StudioEvent } from '@contract/studio-api';
import { StudioService } from '../../../electron/studio/service/studio-service';
import { writePictureFolder } from '../../fixtures/images';
import { TINY_CLIP, TINY_DECODER, TINY_PROJECTOR } from '../../helpers/fixture-paths';

let service: StudioService | null = null;
afterEach(async () => {
  await service?.close();
  service = null;
});

/** A data folder with an indexed library and its own copy of the tiny CLIP; the studio restarted on it. */
async function restartedStudio(): Promise<{ studio: StudioService; clip: string; events: StudioEvent[] }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'folio-search-preparation-'));
  const clip = path.join(dataDir, 'clip');
  cpSync(TINY_CLIP, clip, { recursive: true });
  const options = {
    dataDir,
    shell: 'browser' as const,
    demoPair: { decoder: TINY_DECODER, projector: TINY_PROJECTOR },
    modelsDir: path.join(dataDir, 'models'),
    embeddingModelDir: clip,
    loadConfiguredModel: false,
  };
  const first = await StudioService.create(options);
  await writePictureFolder(path.join(dataDir, 'pictures'), 5);
  await first.handle('indexLibrary', { jobId: 'index', folder: path.join(dataDir, 'pictures') });
  await first.close();
  const studio = await StudioService.create(options);
  service = studio;
  const events: StudioEvent[] = [];
  studio.onEvent((event) => events.push(event));
  return { studio, clip, events };
}

const search = (studio: StudioService) =>
  studio.handle('searchLibrary', { query: 'a harbour at dusk', limit: 3 }) as Promise<LibraryPicture[]>;

describe('search prepared ahead', () => {
  it('loads the text tower and the vectors when the library is opened, saying so, then searches without them on disk', async () => {
    const { studio, clip, events } = await restartedStudio();
    const opened = (await studio.handle('libraryState', undefined)) as LibraryState;
    expect(opened).toMatchObject({ pictures: 5, preparingSearch: true });
    await expect.poll(() => events.some((event) => event.type === 'library-changed' && !event.library.preparingSearch)).toBe(true);
    expect(((await studio.handle('libraryState', undefined)) as LibraryState).preparingSearch).toBe(false);
    rmSync(path.join(clip, 'text_model.onnx'));
    await expect(search(studio)).resolves.toEqual(expect.any(Array));
  });

  it('without the preparation the first search loads the tower itself (the check above can fail)', async () => {
    const { studio, clip } = await restartedStudio();
    rmSync(path.join(clip, 'text_model.onnx'));
    await expect(search(studio)).rejects.toThrow();
  });

  it('an empty library prepares nothing', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'folio-search-preparation-'));
    service = await StudioService.create({
      dataDir,
      shell: 'browser',
      demoPair: { decoder: TINY_DECODER, projector: TINY_PROJECTOR },
      modelsDir: path.join(dataDir, 'models'),
      embeddingModelDir: TINY_CLIP,
      loadConfiguredModel: false,
    });
    expect(await service.handle('libraryState', undefined)).toMatchObject({ pictures: 0, preparingSearch: false, embeddingModel: null });
  });
});
