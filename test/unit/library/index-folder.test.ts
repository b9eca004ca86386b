import { copyFileSync, mkdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexFolder, type IndexProgress } from '../../../electron/studio/library/index-folder';
import { LibraryError } from '../../../electron/studio/library/library-error';
import { searchLibrary } from '../../../electron/studio/library/search-library';
import { brokenPictures, colourPicture } from '../../fixtures/images';
import { fakeDescriber, type FakeDescriber } from './fake-describer';
import { libraryFolder, type LibraryFolder } from './library-folder';

let folder: LibraryFolder;
let describer: FakeDescriber;

beforeEach(async () => {
  folder = await libraryFolder([
    { name: 'a.png', seed: 1, caption: 'a red kite' },
    { name: 'trip/b.jpg', seed: 2, format: 'jpeg', caption: 'a dog on the beach' },
    { name: 'trip/deeper/c.webp', seed: 3, format: 'webp', caption: 'the sea at dawn' },
    { name: 'd.gif', seed: 4, format: 'gif', caption: 'a cat on a sofa' },
  ]);
  describer = fakeDescriber({ captions: folder.captions });
});

afterEach(() => folder.library.close());

const index = (options: { signal?: AbortSignal; onProgress?: (p: IndexProgress) => void } = {}) =>
  indexFolder(folder.library, folder.pictures, { describer, ...options });
const at = (name: string): string => path.join(folder.pictures, name);

describe('indexFolder', () => {
  it('captions every picture in the folder and its subfolders once', async () => {
    const summary = await index();
    expect(summary).toMatchObject({ described: 4, duplicates: 0, unchanged: 0, removed: 0, skipped: [], cancelled: false });
    expect(describer.captionCalls).toHaveLength(4);
    expect(folder.library.imageCount()).toBe(4);
    expect((await searchLibrary(folder.library, 'kite'))[0]?.path).toBe(at('a.png'));
  });

  it('skips broken files with their reasons and goes on', async () => {
    for (const broken of await brokenPictures()) writeFileSync(at(broken.name), broken.bytes);
    const summary = await index();
    expect(summary.described).toBe(4);
    const reasons = Object.fromEntries(summary.skipped.map((skip) => [path.basename(skip.path), skip.reason]));
    expect(reasons).toEqual(Object.fromEntries((await brokenPictures()).map((broken) => [broken.name, broken.reason])));
    // Still listed next time, without being read again.
    const again = await index();
    expect(again.skipped.map((skip) => skip.reason).sort()).toEqual(summary.skipped.map((skip) => skip.reason).sort());
  });

  it('goes by content: a picture without a picture name is taken, other files and hidden folders are not', async () => {
    writeFileSync(at('scan-0001'), await colourPicture(20));
    writeFileSync(at('readme.txt'), 'notes');
    mkdirSync(at('.thumbnails'));
    writeFileSync(at('.thumbnails/t.png'), await colourPicture(21));
    const summary = await index();
    expect(summary.described).toBe(5);
    expect(summary.skipped).toEqual([]);
  });

  it('records a second copy of a picture as a duplicate without captioning it', async () => {
    copyFileSync(at('a.png'), at('trip/a-copy.png'));
    const summary = await index();
    expect(summary).toMatchObject({ described: 4, duplicates: 1 });
    expect(describer.captionCalls).toHaveLength(4);
  });

  it('reads nothing of unchanged files on the next run', async () => {
    const stamp = new Date('2024-05-01T12:00:00Z');
    utimesSync(at('a.png'), stamp, stamp);
    await index();
    // Same size and modification time, different pixels: only a read could notice.
    const replacement = await colourPicture(1, 'png');
    replacement.writeUInt8(replacement.readUInt8(replacement.length - 20) ^ 0xff, replacement.length - 20);
    writeFileSync(at('a.png'), replacement);
    utimesSync(at('a.png'), stamp, stamp);
    expect(statSync(at('a.png')).size).toBe(replacement.length);
    const summary = await index();
    expect(summary).toMatchObject({ described: 0, unchanged: 4, removed: 0 });
    expect(describer.captionCalls).toHaveLength(4);
  });

  it('captions a changed picture again and drops its old entry', async () => {
    await index();
    const { sha256 } = await folder.write({ name: 'a.png', seed: 30, caption: 'a green boat' });
    utimesSync(at('a.png'), new Date(), new Date(Date.now() + 5000));
    const summary = await index();
    expect(summary).toMatchObject({ described: 1, unchanged: 3 });
    expect(describer.captionCalls.at(-1)).toBe(sha256);
    expect(folder.library.imageCount()).toBe(4);
    expect(await searchLibrary(folder.library, 'kite')).toEqual([]);
  });

  it('does not caption a file that was only touched', async () => {
    await index();
    utimesSync(at('a.png'), new Date(), new Date(Date.now() + 5000));
    const summary = await index();
    expect(summary).toMatchObject({ described: 0, unchanged: 4 });
    // And the new time is remembered: the run after that does not read it either.
    expect((await index()).unchanged).toBe(4);
  });

  it('removes deleted files, adds new ones, and does not caption a moved picture again', async () => {
    await index();
    rmSync(at('d.gif'));
    renameSync(at('trip/b.jpg'), at('b-moved.jpg'));
    await folder.write({ name: 'e.png', seed: 40, caption: 'a snowy owl' });
    const summary = await index();
    expect(summary).toMatchObject({ described: 1, duplicates: 1, removed: 2, unchanged: 2 });
    expect(describer.captionCalls).toHaveLength(5);
    expect(folder.library.imageCount()).toBe(4);
    const [moved] = await searchLibrary(folder.library, 'dog');
    expect(moved?.path).toBe(at('b-moved.jpg'));
    expect(await searchLibrary(folder.library, 'cat')).toEqual([]);
  });

  it('stops when cancelled, keeps what was finished, and the next run captions only the rest', async () => {
    const controller = new AbortController();
    const summary = await index({
      signal: controller.signal,
      onProgress: (progress) => progress.phase === 'describing' && progress.done === 2 && controller.abort(),
    });
    expect(summary).toMatchObject({ cancelled: true, described: 2, removed: 0 });
    expect(folder.library.imageCount()).toBe(2);
    const rest = await index();
    expect(rest).toMatchObject({ cancelled: false, described: 2, unchanged: 2 });
    expect(new Set(describer.captionCalls).size).toBe(4);
    expect(describer.captionCalls).toHaveLength(4);
  });

  it('reports scanning and describing progress with the picture in hand', async () => {
    const events: IndexProgress[] = [];
    await index({ onProgress: (progress) => events.push(progress) });
    expect(events[0]?.phase).toBe('scanning');
    const describing = events.filter((event) => event.phase === 'describing');
    expect(describing.map((event) => event.done)).toEqual([0, 1, 2, 3, 4]);
    expect(describing.every((event) => event.total === 4)).toBe(true);
    expect(describing[0]?.current).toBe(at('a.png'));
  });

  it('embeds the stored captions again when the model changes, without captioning', async () => {
    await index();
    const next = fakeDescriber({ model: 'next-model', dimensions: 32, captions: folder.captions });
    const summary = await indexFolder(folder.library, folder.pictures, { describer: next });
    expect(summary).toMatchObject({ reembedded: 4, described: 0, unchanged: 4 });
    expect(next.captionCalls).toEqual([]);
    expect(folder.library.embeddingModel()).toEqual({ model: 'next-model', dimensions: 32 });
    expect((await searchLibrary(folder.library, 'ocean', { describer: next }))[0]?.path).toBe(at('trip/deeper/c.webp'));
  });

  it('refuses a folder that does not exist, or a file', async () => {
    await expect(indexFolder(folder.library, path.join(folder.root, 'nope'), { describer })).rejects.toMatchObject({
      code: 'folder-missing',
    });
    await expect(indexFolder(folder.library, at('a.png'), { describer })).rejects.toBeInstanceOf(LibraryError);
  });

  it('leaves other folders in the same library alone', async () => {
    const other = path.join(folder.root, 'pictures-2');
    mkdirSync(other);
    writeFileSync(path.join(other, 'x.png'), await colourPicture(50));
    await index();
    await indexFolder(folder.library, other, { describer });
    expect(folder.library.imageCount()).toBe(5);
    expect((await index()).removed).toBe(0);
    expect(folder.library.imageCount()).toBe(5);
  });
});
