import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexFolder, type IndexProgress } from '../../../electron/studio/library/index-folder';
import { LibraryError } from '../../../electron/studio/library/library-error';
import { searchLibrary } from '../../../electron/studio/library/search-library';
import { brokenPictures, colourPicture } from '../../fixtures/images';
import { fakeEmbedder, sha256, type FakeEmbedder } from './fake-embedder';
import { libraryFolder, type LibraryFolder } from './library-folder';

let folder: LibraryFolder;
let embedder: FakeEmbedder;

beforeEach(async () => {
  folder = await libraryFolder([
    { name: 'a.png', seed: 1, caption: 'a red kite' },
    { name: 'trip/b.jpg', seed: 2, format: 'jpeg', caption: 'a dog on the beach' },
    { name: 'trip/deeper/c.webp', seed: 3, format: 'webp', caption: 'the sea at dawn' },
    { name: 'd.gif', seed: 4, format: 'gif', caption: 'a cat on a sofa' },
  ]);
  embedder = fakeEmbedder({ captions: folder.captions });
});

afterEach(() => folder.library.close());

const index = (options: { signal?: AbortSignal; onProgress?: (p: IndexProgress) => void } = {}) =>
  indexFolder(folder.library, folder.pictures, { embedder, batchSize: 2, ...options });
const at = (name: string): string => path.join(folder.pictures, name);
const sha256Of = (file: string): string => sha256(readFileSync(file));
const search = (query: string) => searchLibrary(folder.library, query, { embedder });

describe('indexFolder', () => {
  it('embeds every picture in the folder and its subfolders once, without captions', async () => {
    const summary = await index();
    expect(summary).toMatchObject({ added: 4, duplicates: [], unchanged: 0, removed: 0, skipped: [], cancelled: false });
    expect(embedder.embeddedFiles).toHaveLength(4);
    expect(folder.library.imageCount()).toBe(4);
    expect(folder.library.uncaptioned(10)).toHaveLength(4);
    expect((await search('kite'))[0]?.path).toBe(at('a.png'));
    expect(folder.library.folders()).toMatchObject([{ path: folder.pictures, pictures: 4, duplicates: 0, skipped: 0 }]);
  });

  it('skips broken files with their reasons and goes on', async () => {
    for (const broken of await brokenPictures()) writeFileSync(at(broken.name), broken.bytes);
    const summary = await index();
    expect(summary.added).toBe(4);
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
    expect(summary.added).toBe(5);
    expect(summary.skipped).toEqual([]);
  });

  it('merges a second copy of a picture into the first and says so', async () => {
    copyFileSync(at('a.png'), at('trip/a-copy.png'));
    const summary = await index();
    expect(summary).toMatchObject({ added: 4, duplicates: [{ path: at('trip/a-copy.png'), sameAs: at('a.png') }] });
    expect(folder.library.imageCount()).toBe(4);
    expect(folder.library.folders()).toMatchObject([{ pictures: 4, duplicates: 1 }]);
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
    expect(summary).toMatchObject({ added: 0, unchanged: 4, removed: 0 });
    expect(embedder.embeddedFiles).toHaveLength(4);
  });

  it('embeds a changed picture again and drops its old entry', async () => {
    await index();
    const { sha256 } = await folder.write({ name: 'a.png', seed: 30, caption: 'a green boat' });
    utimesSync(at('a.png'), new Date(), new Date(Date.now() + 5000));
    const summary = await index();
    expect(summary).toMatchObject({ added: 1, unchanged: 3 });
    expect(embedder.embeddedFiles.at(-1)).toBe(at('a.png'));
    expect(folder.library.imageWithHash(sha256)).toBeDefined();
    expect(folder.library.imageCount()).toBe(4);
    expect((await search('kite')).map((match) => match.sha256)).not.toContain(undefined);
    expect((await search('green boat'))[0]?.sha256).toBe(sha256);
  });

  it('does not add a file that was only touched', async () => {
    await index();
    utimesSync(at('a.png'), new Date(), new Date(Date.now() + 5000));
    const summary = await index();
    expect(summary).toMatchObject({ added: 0, unchanged: 4 });
    // And the new time is remembered: the run after that does not read it either.
    expect((await index()).unchanged).toBe(4);
  });

  it('removes deleted files, adds new ones, and keeps a moved picture as it was', async () => {
    await index();
    rmSync(at('d.gif'));
    renameSync(at('trip/b.jpg'), at('b-moved.jpg'));
    await folder.write({ name: 'e.png', seed: 40, caption: 'a snowy owl' });
    const summary = await index();
    expect(summary).toMatchObject({ added: 1, removed: 2, unchanged: 2 });
    expect(summary.duplicates).toHaveLength(1);
    expect(folder.library.imageCount()).toBe(4);
    const [moved] = await search('dog');
    expect(moved?.path).toBe(at('b-moved.jpg'));
    expect((await search('cat sofa')).map((match) => match.path)).not.toContain(at('d.gif'));
  });

  it('stops when cancelled, keeps what was finished, and the next run embeds only the rest', async () => {
    const controller = new AbortController();
    const summary = await index({
      signal: controller.signal,
      onProgress: (progress) => progress.phase === 'embedding' && progress.done === 2 && controller.abort(),
    });
    expect(summary).toMatchObject({ cancelled: true, added: 2, removed: 0 });
    expect(folder.library.imageCount()).toBe(2);
    const rest = await index();
    expect(rest).toMatchObject({ cancelled: false, added: 2, unchanged: 2 });
    expect(folder.library.imageCount()).toBe(4);
  });

  it('reports scanning and embedding progress with the pictures per second', async () => {
    const events: IndexProgress[] = [];
    await index({ onProgress: (progress) => events.push(progress) });
    expect(events[0]?.phase).toBe('scanning');
    const embedding = events.filter((event) => event.phase === 'embedding');
    expect(embedding.map((event) => event.done)).toEqual([2, 4, 4]);
    expect(embedding.every((event) => event.total === 4)).toBe(true);
    expect(embedding[0]?.perSecond).toBeGreaterThan(0);
  });

  it('embeds every picture again when the embedding model changes, keeping captions', async () => {
    await index();
    const id = folder.library.imageWithHash([...folder.captions.keys()][0] as string) as number;
    folder.library.setCaption(id, 'written by the caption step');
    const next = fakeEmbedder({ id: 'next-model', dimensions: 32, captions: folder.captions });
    const summary = await indexFolder(folder.library, folder.pictures, { embedder: next });
    expect(summary).toMatchObject({ embedded: 4, added: 0, unchanged: 0 });
    expect(folder.library.embeddingModel()).toEqual({ model: 'next-model', dimensions: 32 });
    expect(folder.library.imageById(id)?.caption).toBe('written by the caption step');
    expect((await searchLibrary(folder.library, 'ocean', { embedder: next }))[0]?.path).toBe(at('trip/deeper/c.webp'));
    expect((await indexFolder(folder.library, folder.pictures, { embedder: next })).unchanged).toBe(4);
  });

  it('refuses a folder that does not exist, or a file', async () => {
    await expect(indexFolder(folder.library, path.join(folder.root, 'nope'), { embedder })).rejects.toMatchObject({
      code: 'folder-missing',
    });
    await expect(indexFolder(folder.library, at('a.png'), { embedder })).rejects.toBeInstanceOf(LibraryError);
  });

  it('leaves other folders in the same library alone', async () => {
    const other = path.join(folder.root, 'pictures-2');
    mkdirSync(other);
    writeFileSync(path.join(other, 'x.png'), await colourPicture(50));
    await index();
    await indexFolder(folder.library, other, { embedder });
    expect(folder.library.imageCount()).toBe(5);
    expect((await index()).removed).toBe(0);
    expect(folder.library.imageCount()).toBe(5);
    expect(folder.library.folders().map((entry) => entry.path)).toEqual([folder.pictures, other]);
  });

  it('takes a folder out of the library, keeping a picture that also lies in another indexed folder', async () => {
    const other = path.join(folder.root, 'pictures-2');
    mkdirSync(other);
    copyFileSync(at('a.png'), path.join(other, 'a-again.png'));
    writeFileSync(path.join(other, 'x.png'), await colourPicture(50));
    await index();
    await indexFolder(folder.library, other, { embedder });
    expect(folder.library.removeFolder(folder.pictures)).toBe(3);
    expect(folder.library.imageCount()).toBe(2);
    expect(folder.library.imageById(folder.library.imageWithHash(sha256Of(at('a.png'))) as number)?.path).toBe(
      path.join(other, 'a-again.png'),
    );
    expect(folder.library.folders().map((entry) => entry.path)).toEqual([other]);
  });
});
