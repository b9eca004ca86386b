/**
 * A helper's whole process group ends with the process that started it, killed outright
 * (issue 24, cause 8): the watcher's group kill was written `kill -KILL -- -PGID`, and dash (the
 * /bin/sh of Debian and Ubuntu) takes `--` for a process id and kills nothing, so only the
 * helper's first process ended. Chromium's zygotes outlived a killed PDF export that way (the
 * fresh-clone CI's pdf-export-killed failure). Here a parent starts a helper that starts two
 * more processes in its group, as Chromium does, the helper and its children marked or watched
 * by id, and the parent is killed with SIGKILL: no process of the group may be left.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, expect, it } from 'vitest';
import { processesNaming } from '../helpers/live-processes';

const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-end-with-parent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1');
  } catch {
    return '';
  }
}

async function until(check: () => boolean, limitMs: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < limitMs;) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

const PARENT = `
import { spawn } from 'node:child_process';
import { endMarkedWithParent, endWithParent } from ${JSON.stringify(path.resolve('native-models/end-with-parent.ts'))};
const [how, word] = process.argv.slice(2);
const marker = ['--folio-test-owner', word];
const stop = how === 'marked' ? endMarkedWithParent(marker[0], marker[1]) : () => undefined;
// The helper leads its own group (as Playwright starts Chromium) and starts two more processes in it.
const script = 'sleep 300 & sleep 300 & wait';
const helper = spawn('sh', ['-c', script, word, ...(how === 'marked' ? [marker.join('=')] : [])], { detached: true, stdio: 'ignore' });
if (how === 'by-id') endWithParent(helper.pid);
void stop;
setTimeout(() => console.log('ready'), 300);
setInterval(() => undefined, 1000);
`;

for (const how of ['by-id', 'marked'] as const) {
  it.skipIf(process.platform !== 'linux')(
    `ends the helper's whole group when its parent is killed (${how})`,
    async () => {
      const word = `folio-group-${how}-${process.pid}`;
      const script = path.join(dir, `parent-${how}.mts`);
      writeFileSync(script, PARENT);
      const parent = spawn(process.execPath, [path.resolve('bin/run-ts.js'), script, how, word], { stdio: ['ignore', 'pipe', 'inherit'] });
      const started = await new Promise<boolean>((resolve) => {
        createInterface({ input: parent.stdout }).once('line', () => resolve(true));
        parent.once('exit', () => resolve(false));
      });
      expect(started, 'the parent script did not start').toBe(true);
      // The helper (its command line names the word) and its two sleeps (found through the helper's group).
      // The helper is the one running the script (the parent and the watcher name the word too).
      const helpers = (): number[] => processesNaming(word).filter((pid) => commandLine(pid).includes('sleep 300 &'));
      expect(await until(() => helpers().length > 0, 10_000)).toBe(true);
      const helper = helpers()[0] as number;
      const group = (): number[] =>
        readdirSync('/proc')
          .filter((name) => /^\d+$/.test(name))
          .filter((name) => {
            try {
              const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
              const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
              return Number(fields[2]) === helper && fields[0] !== 'Z';
            } catch {
              return false;
            }
          })
          .map(Number);
      expect(await until(() => group().length === 3, 10_000), `group of ${helper}: ${group().join(', ')}`).toBe(true);
      parent.kill('SIGKILL');
      // A hang guard: with the watcher they end at once.
      const ended = await until(() => group().length === 0, 10_000);
      const left = group();
      for (const pid of left) process.kill(pid, 'SIGKILL');
      expect(ended, `left of group ${helper}: ${left.join(', ')}`).toBe(true);
    },
    60_000,
  );
}
