/**
 * writeFolderAside (issue 24, cause 8): a folder is written whole or not at all, on the real file
 * system. The kill -9 cases run through the server in markdown-export-killed.test.ts; these are
 * the outcomes a kill or a failure leaves, made directly.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFolderAside } from '../../../electron/studio/documents/write-folder-aside';

const root = mkdtempSync(path.join(os.tmpdir(), 'folio-folder-aside-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let count = 0;
function place(): { parent: string; folder: string } {
  const parent = path.join(root, `case-${count++}`);
  mkdirSync(parent);
  return { parent, folder: path.join(parent, 'Article') };
}

function fill(folder: string, text: string): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'Article.md'), text);
}

const writeText = (text: string) => (aside: string) => writeFile(path.join(aside, 'Article.md'), text);
const onlyArticle = (entries: string[]): boolean => entries.every((name) => name === 'Article.md');

/** The pid of a process that has ended (what a killed writer leaves in its names). */
function endedPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());
}

describe('writeFolderAside', () => {
  it('makes a new folder whole and leaves nothing hidden beside it', async () => {
    const { parent, folder } = place();
    expect(await writeFolderAside(folder, async (aside) => (await writeText('new')(aside), 'returned'))).toBe('returned');
    expect(readFileSync(path.join(folder, 'Article.md'), 'utf8')).toBe('new');
    expect(readdirSync(parent)).toEqual(['Article']);
  });

  it('replaces an earlier one whole, with nothing of it left', async () => {
    const { parent, folder } = place();
    fill(folder, 'old');
    await writeFolderAside(folder, writeText('new'), { replaceable: onlyArticle });
    expect(readdirSync(folder)).toEqual(['Article.md']);
    expect(readFileSync(path.join(folder, 'Article.md'), 'utf8')).toBe('new');
    expect(readdirSync(parent)).toEqual(['Article']);
  });

  it('leaves the earlier folder as it was when the write fails (a full disk)', async () => {
    const { parent, folder } = place();
    fill(folder, 'old');
    const failing = writeFolderAside(
      folder,
      async (aside) => {
        await writeText('half')(aside);
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
      { replaceable: onlyArticle },
    );
    await expect(failing).rejects.toThrow('ENOSPC');
    expect(readFileSync(path.join(folder, 'Article.md'), 'utf8')).toBe('old');
    expect(readdirSync(parent)).toEqual(['Article']);
  });

  it("refuses a folder holding the writer's own files, and touches nothing in it", async () => {
    const { folder } = place();
    fill(folder, 'old');
    writeFileSync(path.join(folder, 'notes.txt'), 'mine');
    const refused = writeFolderAside(folder, writeText('new'), { replaceable: onlyArticle });
    await expect(refused).rejects.toMatchObject({ code: 'location-refused', message: expect.stringContaining('Choose another name') });
    expect(readdirSync(folder).sort()).toEqual(['Article.md', 'notes.txt']);
    expect(readFileSync(path.join(folder, 'Article.md'), 'utf8')).toBe('old');
  });

  it('puts back the earlier folder a write killed between its two renames left aside, then writes', async () => {
    const { parent, folder } = place();
    fill(folder, 'old');
    const dead = endedPid();
    renameSync(folder, path.join(parent, `.Article.previous-${dead}`));
    mkdirSync(path.join(parent, `.Article.partial-${dead}`));
    await expect(writeFolderAside(folder, () => Promise.reject(new Error('stopped')), { replaceable: onlyArticle })).rejects.toThrow();
    expect(readFileSync(path.join(folder, 'Article.md'), 'utf8')).toBe('old');
    expect(readdirSync(parent)).toEqual(['Article']);
  });

  it('one write at a time per folder: two at once both finish, the later one wins', async () => {
    const { parent, folder } = place();
    await Promise.all([
      writeFolderAside(folder, writeText('first'), { replaceable: onlyArticle }),
      writeFolderAside(folder, writeText('second'), { replaceable: onlyArticle }),
    ]);
    expect(readFileSync(path.join(folder, 'Article.md'), 'utf8')).toBe('second');
    expect(readdirSync(parent)).toEqual(['Article']);
  });
});
