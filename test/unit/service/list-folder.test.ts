/**
 * listFolder where the disk misbehaves, which a test running as root cannot arrange on a real
 * one: a folder whose permissions keep Folio out, and one on a share that stops answering.
 */
import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'folio-list-folder-')));
const locked = path.join(base, 'Locked');
const stuck = path.join(base, 'Stuck');
mkdirSync(locked);
mkdirSync(stuck);

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const readdir = (folder: string, options: object) => {
    if (folder === locked)
      return Promise.reject(Object.assign(new Error(`EACCES: permission denied, scandir '${folder}'`), { code: 'EACCES' }));
    if (folder === stuck) return new Promise(() => undefined);
    return real.readdir(folder, options as never);
  };
  return { ...real, readdir, default: { ...real, readdir } };
});

const { listFolder } = await import('../../../electron/studio/service/list-folder');
const roots = [{ label: 'Home', path: base }];

describe('listFolder on a difficult disk', () => {
  it('says a folder it may not read is unreadable, in words, with the system error as detail', async () => {
    await expect(listFolder({ purpose: 'library-folder', path: locked }, roots, base)).rejects.toMatchObject({
      payload: { code: 'folder-unreadable', message: expect.stringMatching(/may not read the folder/), detail: 'EACCES' },
    });
  });

  it('gives up on a folder that does not answer in time', async () => {
    await expect(listFolder({ purpose: 'library-folder', path: stuck }, roots, base, 50)).rejects.toMatchObject({ code: 'timed-out' });
  });

  it('still lists the folders around them', async () => {
    expect((await listFolder({ purpose: 'library-folder' }, roots, base)).entries.map((entry) => entry.name)).toEqual(['Locked', 'Stuck']);
  });
});
