/**
 * listFolder, the browser studio's picker, through the real server's WebSocket: only home and
 * the app's folders, judged on real paths (`..` and symlinks out are refused), files filtered by
 * purpose, hidden files hidden, long folders cut off with a count.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudioServer, type RunningStudioServer } from '../../../electron/server/studio-server';
import { FOLDER_LISTING_LIMIT } from '../../../electron/studio/service/list-folder';
import { StudioService } from '../../../electron/studio/service/studio-service';
import { TINY_DECODER, TINY_PROJECTOR } from '../../helpers/fixture-paths';
import { connectStudio, type TestStudioClient } from '../../helpers/studio-client';

const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'folio-picker-')));
const home = path.join(base, 'home');
const dataDir = path.join(base, 'data');
const outsideDir = path.join(base, 'elsewhere');
const savedHome = process.env.HOME;
let service: StudioService;
let server: RunningStudioServer;
let studio: TestStudioClient;

beforeAll(async () => {
  for (const folder of [
    home,
    outsideDir,
    path.join(dataDir, 'projects'),
    path.join(dataDir, 'models'),
    path.join(home, 'Pictures'),
    path.join(home, '.secrets'),
    path.join(home, 'Harbour.folio'),
    path.join(home, 'Renamed project'),
    path.join(home, 'Many'),
  ])
    mkdirSync(folder, { recursive: true });
  for (const file of ['decoder.gguf', 'mmproj.GGUF', 'notes.txt', 'Harbour.html', 'Harbour.pdf', 'MMBench.tsv', '.hidden.gguf'])
    writeFileSync(path.join(home, file), 'x');
  writeFileSync(path.join(home, 'Renamed project', 'project.json'), '{}');
  writeFileSync(path.join(outsideDir, 'private.gguf'), 'x');
  for (let index = 0; index < FOLDER_LISTING_LIMIT + 50; index++) writeFileSync(path.join(home, 'Many', `model-${index}.gguf`), '');
  symlinkSync(outsideDir, path.join(home, 'link-out'));
  symlinkSync('/etc', path.join(home, 'etc-link'));
  symlinkSync(path.join(home, 'Pictures'), path.join(home, 'link-in'));
  process.env.HOME = home;
  service = await StudioService.create({
    dataDir,
    shell: 'browser',
    demoPair: { decoder: TINY_DECODER, projector: TINY_PROJECTOR },
    modelsDir: path.join(dataDir, 'models'),
  });
  server = await startStudioServer({ service });
  studio = await connectStudio(server.baseUrl, server.token);
});
afterAll(async () => {
  process.env.HOME = savedHome;
  studio.close();
  await server.close();
  await service.close();
});

const names = (entries: Array<{ name: string }>): string[] => entries.map((entry) => entry.name);

describe('the folder picker (listFolder)', () => {
  it('starts at home, with home and the app folders as roots, and goes no higher than a root', async () => {
    const listing = await studio.call('listFolder', { purpose: 'library-folder' });
    expect(listing.path).toBe(home);
    expect(listing.parent).toBeNull();
    expect(listing.roots).toEqual([
      { label: 'Home', path: home },
      { label: 'Projects', path: path.join(dataDir, 'projects') },
      { label: 'Models', path: path.join(dataDir, 'models') },
      { label: 'Folio data', path: dataDir },
    ]);
    expect((await studio.call('listFolder', { purpose: 'library-folder', path: '~/Pictures' })).parent).toBe(home);
  });

  it('shows folders first and only the files the purpose can use; hidden ones only when asked', async () => {
    const folders = ['Harbour.folio', 'link-in', 'Many', 'Pictures', 'Renamed project'];
    expect(names((await studio.call('listFolder', { purpose: 'library-folder' })).entries)).toEqual(folders);
    expect(names((await studio.call('listFolder', { purpose: 'decoder' })).entries)).toEqual([...folders, 'decoder.gguf', 'mmproj.GGUF']);
    expect(names((await studio.call('listFolder', { purpose: 'export', format: 'html' })).entries)).toEqual([...folders, 'Harbour.html']);
    expect(names((await studio.call('listFolder', { purpose: 'export', format: 'md' })).entries)).toEqual(folders);
    expect(names((await studio.call('listFolder', { purpose: 'benchmark' })).entries)).toEqual([...folders, 'MMBench.tsv']);
    expect(names((await studio.call('listFolder', { purpose: 'checkpoint-folder' })).entries)).toEqual(folders);
    const hidden = await studio.call('listFolder', { purpose: 'decoder', showHidden: true });
    expect(names(hidden.entries)).toEqual(['.secrets', ...folders, '.hidden.gguf', 'decoder.gguf', 'mmproj.GGUF']);
    expect(hidden.entries.find((entry) => entry.name === 'decoder.gguf')).toMatchObject({
      kind: 'file',
      size: 1,
      modified: expect.any(String),
    });
  });

  it('marks project folders, by name and, when opening, by their project.json', async () => {
    const opening = (await studio.call('listFolder', { purpose: 'open-project' })).entries;
    expect(opening.filter((entry) => entry.kind === 'project').map((entry) => entry.name)).toEqual(['Harbour.folio', 'Renamed project']);
    const choosingPictures = (await studio.call('listFolder', { purpose: 'library-folder' })).entries;
    expect(choosingPictures.find((entry) => entry.name === 'Renamed project')?.kind).toBe('folder');
  });

  it('lists the folder of a file it is given, with the file selected', async () => {
    const listing = await studio.call('listFolder', { purpose: 'decoder', path: path.join(home, 'decoder.gguf') });
    expect(listing).toMatchObject({ path: home, selected: 'decoder.gguf' });
  });

  it('refuses everything outside the roots: /, /proc, other folders, `..` and symlinks that lead out', async () => {
    for (const outside of [
      '/',
      '/proc',
      '/etc',
      outsideDir,
      '~/..',
      `${home}/../elsewhere`,
      '~/link-out',
      '~/etc-link',
      path.join(outsideDir, 'missing'),
    ]) {
      await expect(studio.call('listFolder', { purpose: 'decoder', path: outside }), outside).rejects.toMatchObject({
        payload: { code: 'outside-allowed-folders' },
      });
    }
    const entries = names((await studio.call('listFolder', { purpose: 'decoder' })).entries);
    expect(entries).not.toContain('link-out');
    expect(entries).not.toContain('etc-link');
    expect((await studio.call('listFolder', { purpose: 'library-folder', path: '~/link-in' })).path).toBe(path.join(home, 'Pictures'));
  });

  it('cuts a long folder off and says how many more there are', async () => {
    const listing = await studio.call('listFolder', { purpose: 'decoder', path: '~/Many' });
    expect(listing.entries).toHaveLength(FOLDER_LISTING_LIMIT);
    expect(listing.more).toBe(50);
    expect(listing.entries[2]?.name).toBe('model-2.gguf');
  });

  it('answers a missing folder, a relative path and a bad request with typed errors', async () => {
    await expect(studio.call('listFolder', { purpose: 'decoder', path: '~/Gone' })).rejects.toMatchObject({
      payload: { code: 'folder-missing' },
    });
    await expect(studio.call('listFolder', { purpose: 'decoder', path: 'Pictures' })).rejects.toMatchObject({
      payload: { code: 'path-not-absolute' },
    });
    await expect(studio.raw('listFolder', { purpose: 'everything' })).rejects.toMatchObject({ payload: { code: 'invalid-request' } });
  });

  it('makes a new folder inside the allowed folders only, under one plain name', async () => {
    expect(await studio.call('createFolder', { path: '~/Pictures', name: ' Summer ' })).toEqual({
      path: path.join(home, 'Pictures', 'Summer'),
    });
    expect(names((await studio.call('listFolder', { purpose: 'library-folder', path: '~/Pictures' })).entries)).toEqual(['Summer']);
    await expect(studio.call('createFolder', { path: '~/Pictures', name: 'Summer' })).rejects.toMatchObject({
      payload: { code: 'folder-exists' },
    });
    for (const name of ['..', '.', 'a/b', '..\\x', 'tab\there']) {
      await expect(studio.call('createFolder', { path: '~/Pictures', name }), name).rejects.toMatchObject({
        payload: { code: 'bad-folder-name' },
      });
    }
    for (const outside of [outsideDir, '~/link-out', '~/..', '/tmp']) {
      await expect(studio.call('createFolder', { path: outside, name: 'planted' }), outside).rejects.toMatchObject({
        payload: { code: 'outside-allowed-folders' },
      });
    }
    expect(existsSync(path.join(outsideDir, 'planted'))).toBe(false);
  });

  it.skipIf(process.getuid?.() === 0)(
    'says a folder it may not read is unreadable (root reads everything, so this runs as a user)',
    async () => {
      const locked = path.join(home, 'Locked');
      mkdirSync(locked);
      chmodSync(locked, 0o000);
      try {
        await expect(studio.call('listFolder', { purpose: 'decoder', path: locked })).rejects.toMatchObject({
          payload: { code: 'folder-unreadable', message: expect.stringMatching(/may not read/) },
        });
      } finally {
        chmodSync(locked, 0o755);
      }
    },
  );
});
