import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexFolder } from '../../../electron/studio/library/index-folder';
import { searchLibrary } from '../../../electron/studio/library/search-library';
import { fakeEmbedder, type FakeEmbedder } from './fake-embedder';
import { libraryFolder, type LibraryFolder } from './library-folder';

const PICTURES = [
  { name: 'kite.png', seed: 1, caption: 'A red kite over a green hill.' },
  { name: 'beach-dog.jpg', seed: 2, caption: 'A dog running along the beach at low tide.', format: 'jpeg' as const },
  { name: 'harbour.webp', seed: 3, caption: 'The sea at dawn with small fishing boats.', format: 'webp' as const },
  { name: 'sofa.gif', seed: 4, caption: 'A black cat asleep on a grey sofa.', format: 'gif' as const },
  { name: 'street.png', seed: 5, caption: 'A red car parked in a narrow city street.' },
  { name: 'rocks.png', seed: 6, caption: 'The sea breaking white on dark rocks.' },
  { name: 'lighthouse/tower.png', seed: 7, caption: 'A lighthouse on a cliff under heavy cloud.' },
];

let folder: LibraryFolder;
let embedder: FakeEmbedder;

beforeEach(async () => {
  folder = await libraryFolder(PICTURES);
  embedder = fakeEmbedder({ captions: folder.captions });
  await indexFolder(folder.library, folder.pictures, { embedder });
  // As the background captioner and the caption step would write them: the words half searches captions.
  for (const [hash, caption] of folder.captions) folder.library.setCaption(folder.library.imageWithHash(hash) as number, caption);
});

afterEach(() => folder.library.close());

const names = (matches: Array<{ path: string }>): string[] => matches.map((match) => path.relative(folder.pictures, match.path));

describe('searchLibrary', () => {
  it('finds pictures by meaning where no word matches', async () => {
    const matches = await searchLibrary(folder.library, 'ocean', { embedder });
    expect(names(matches).slice(0, 2).sort()).toEqual(['harbour.webp', 'rocks.png']);
    expect(matches[0]?.matchedBy).toEqual(['meaning']);
  });

  it('ranks a picture that matches in words and meaning first', async () => {
    const [best] = await searchLibrary(folder.library, 'a puppy on the beach', { embedder });
    expect(best && names([best])).toEqual(['beach-dog.jpg']);
    expect(best?.matchedBy).toEqual(['words', 'meaning']);
    expect(best?.caption).toBe('A dog running along the beach at low tide.');
  });

  it('returns 4 by default, with ids, paths, captions and decreasing scores', async () => {
    const matches = await searchLibrary(folder.library, 'red sea cat lighthouse', { embedder });
    expect(matches).toHaveLength(4);
    for (const match of matches) {
      expect(match.id).toBeGreaterThan(0);
      expect(match.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(match.caption.length).toBeGreaterThan(0);
    }
    const scores = matches.map((match) => match.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('never returns an excluded picture, whether excluded by id or by content hash', async () => {
    const first = await searchLibrary(folder.library, 'sea', { embedder, limit: 10 });
    const [a, b] = first;
    const again = await searchLibrary(folder.library, 'sea', { embedder, limit: 10, exclude: [a?.id as number, b?.sha256 as string] });
    expect(again.map((match) => match.id)).not.toContain(a?.id);
    expect(again.map((match) => match.id)).not.toContain(b?.id);
    expect(again).toHaveLength(first.length - 2);
  });

  it('returns fewer when fewer pictures match, and none when everything is excluded', async () => {
    const textOnly = await searchLibrary(folder.library, 'lighthouse');
    expect(names(textOnly)).toEqual(['lighthouse/tower.png']);
    const all = await searchLibrary(folder.library, 'sea', { embedder, limit: 100 });
    expect(all.length).toBeLessThanOrEqual(PICTURES.length);
    expect(await searchLibrary(folder.library, 'sea', { embedder, exclude: all.map((match) => match.id) })).toEqual([]);
  });

  it('searches words only without a describer (the search box), file names included', async () => {
    const matches = await searchLibrary(folder.library, 'tower');
    expect(names(matches)).toEqual(['lighthouse/tower.png']);
    expect(matches[0]?.matchedBy).toEqual(['words']);
    expect(await searchLibrary(folder.library, 'ocean')).toEqual([]);
  });

  it('has fewer than 4 to give when the library holds fewer', async () => {
    const small = await libraryFolder(PICTURES.slice(0, 2));
    await indexFolder(small.library, small.pictures, { embedder: fakeEmbedder({ captions: small.captions }) });
    expect(await searchLibrary(small.library, 'dog kite', { embedder })).toHaveLength(2);
    small.library.close();
  });

  it('leaves out a picture deleted since the last index run', async () => {
    rmSync(path.join(folder.pictures, 'rocks.png'));
    const matches = await searchLibrary(folder.library, 'ocean', { embedder });
    expect(names(matches)).not.toContain('rocks.png');
    expect(names(matches)[0]).toBe('harbour.webp');
  });

  it('does not compare vectors of another model: words only then', async () => {
    const other = fakeEmbedder({ id: 'another-model' });
    expect(await searchLibrary(folder.library, 'ocean', { embedder: other })).toEqual([]);
  });

  it('treats query syntax in what the writer typed as plain words', async () => {
    const matches = await searchLibrary(folder.library, 'kite" OR -NEAR( col:* ^', {});
    expect(names(matches)).toEqual(['kite.png']);
  });

  it('cuts off what is not near in meaning, instead of returning every picture (issue 15)', async () => {
    const matches = await searchLibrary(folder.library, 'ocean', { embedder, limit: 100 });
    expect(names(matches).sort()).toEqual(['harbour.webp', 'rocks.png']);
    // Nothing in words or meaning: nothing, not the nearest of the unrelated.
    expect(await searchLibrary(folder.library, 'bicycle', { embedder, limit: 100 })).toEqual([]);
    // Compose's candidates skip the cut-off: the model looks at them and chooses.
    expect(await searchLibrary(folder.library, 'bicycle', { embedder, limit: 100, cutOff: false })).toHaveLength(PICTURES.length);
    // Words always count: a match by file name is kept whatever its caption's embedding says.
    expect(names(await searchLibrary(folder.library, 'tower', { embedder, limit: 100 }))).toEqual(['lighthouse/tower.png']);
  });

  it("keeps only pictures above the model's own floor, where the model has one", async () => {
    const floored = fakeEmbedder({ captions: folder.captions, matchFloor: 0.9 });
    // 'ocean' shares one word of the six in either sea caption: cosine about 0.4, under the floor.
    expect(await searchLibrary(folder.library, 'ocean', { embedder: floored, limit: 100 })).toEqual([]);
    const exact = await searchLibrary(folder.library, 'The sea breaking white on dark rocks.', { embedder: floored, limit: 100 });
    expect(exact.filter((match) => match.matchedBy.includes('meaning')).map((match) => path.basename(match.path))).toEqual(['rocks.png']);
  });

  it('gives nothing for an empty query', async () => {
    expect(await searchLibrary(folder.library, '   ', { embedder })).toEqual([]);
  });
});
