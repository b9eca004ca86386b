import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOutsideFile, readOutsideFile } from '../../../native-models/files/read-outside-file';
import { openOutsideFileSync, readOutsideFileSync } from '../../../native-models/files/read-outside-file-sync';

let dir = '';
const at = (name: string): string => path.join(dir, name);
const linux = process.platform === 'linux';

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-outside-'));
  writeFileSync(at('plain.txt'), 'hello, outside');
  if (process.platform !== 'win32') {
    execFileSync('mkfifo', [at('pipe')]);
    symlinkSync(at('pipe'), at('link-to-pipe.png'));
  }
  if (linux) {
    symlinkSync('/proc/self/pagemap', at('x.png'));
    symlinkSync('/sys/kernel/mm/transparent_hugepage/enabled', at('sys.txt'));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Both forms of the reader, so each case holds for the promise and the synchronous one. */
const readers = [
  ['readOutsideFile', (file: string, max: number) => readOutsideFile(file, max)],
  ['readOutsideFileSync', async (file: string, max: number) => readOutsideFileSync(file, max)],
] as const;

describe.each(readers)('%s', (_name, read) => {
  it('reads a plain file, whole', async () => {
    const result = await read(at('plain.txt'), 1000);
    expect('bytes' in result && result.bytes.toString()).toBe('hello, outside');
  });

  it('refuses a file over the cap by its size, before reading it', async () => {
    expect(await read(at('plain.txt'), 5)).toMatchObject({ problem: 'too-large', size: 14 });
  });

  it('says a missing file is missing and a folder is no file', async () => {
    expect(await read(at('nowhere'), 1000)).toMatchObject({ problem: 'missing' });
    expect(await read(dir, 1000)).toMatchObject({ problem: 'not-a-file' });
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO with no writer at once, also behind a link', async () => {
    const started = Date.now();
    expect(await read(at('pipe'), 1000)).toMatchObject({ problem: 'not-a-file', detail: expect.stringMatching(/FIFO/) });
    expect(await read(at('link-to-pipe.png'), 1000)).toMatchObject({ problem: 'not-a-file' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.skipIf(process.platform === 'win32')('refuses a device', async () => {
    expect(await read('/dev/zero', 1 << 30)).toMatchObject({ problem: 'not-a-file', detail: expect.stringMatching(/device/) });
  });

  it.skipIf(!linux)('refuses procfs and sysfs files, which claim to be plain files, by their file system', async () => {
    // /proc/self/pagemap reports a plain file of size 0 and yields gigabytes when read.
    expect(await read('/proc/self/pagemap', 1 << 30)).toMatchObject({ problem: 'system-file', detail: expect.stringMatching(/proc/) });
    expect(await read(at('x.png'), 1 << 30)).toMatchObject({ problem: 'system-file' });
    expect(await read(at('sys.txt'), 1 << 30)).toMatchObject({ problem: 'system-file', detail: expect.stringMatching(/sysfs/) });
  });
});

describe('openOutsideFile', () => {
  it('reads ranges on the handle it checked', async () => {
    const opened = await openOutsideFile(at('plain.txt'));
    if (!('file' in opened)) throw new Error(opened.detail);
    expect(opened.file.size).toBe(14);
    expect((await opened.file.readAt(7, 100)).toString()).toBe('outside');
    await opened.file.close();
    const sync = openOutsideFileSync(at('plain.txt'));
    expect(sync).toMatchObject({ size: 14 });
  });

  it.skipIf(process.platform === 'win32')('keeps reading the file it opened after the name is swapped for a FIFO', async () => {
    writeFileSync(at('swapped'), 'the file that was opened');
    const opened = await openOutsideFile(at('swapped'));
    if (!('file' in opened)) throw new Error(opened.detail);
    rmSync(at('swapped'));
    execFileSync('mkfifo', [at('swapped')]);
    expect((await opened.file.readAll()).toString()).toBe('the file that was opened');
    await opened.file.close();
    expect(await readOutsideFile(at('swapped'), 100)).toMatchObject({ problem: 'not-a-file' });
  });
});
