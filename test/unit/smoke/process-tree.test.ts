import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { listProcesses, parsePsOutput, processTree, survivors, waitForExit } from '../../smoke/process-tree';

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Polls the system's table until `pid` has `count` descendants (its children start a moment later). */
async function treeOf(pid: number, count: number): Promise<ReturnType<typeof processTree>> {
  for (let i = 0; i < 100; i++) {
    const tree = processTree(pid, listProcesses());
    if (tree.length >= count + 1) return tree;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`process ${pid} never had ${count} children`);
}

describe.runIf(process.platform !== 'win32')('the processes an app leaves behind', () => {
  it('finds a child orphaned when its parent was killed, though it is no longer in the tree', async () => {
    // A parent that starts a long sleep and waits: killing the parent outright orphans the sleep,
    // as a model host killed outright would orphan its llama-server.
    const parent = spawn('sh', ['-c', 'sleep 30 & wait'], { stdio: 'ignore' });
    started.push(parent.pid ?? 0);
    const tree = await treeOf(parent.pid ?? 0, 1);
    expect(tree.map((entry) => entry.name)).toEqual(['sh', 'sleep']);
    const sleep = tree[1];
    if (sleep) started.push(sleep.pid);
    parent.kill('SIGKILL');
    const left = await waitForExit(tree, 1500);
    expect(left.map((entry) => entry.name)).toEqual(['sleep']);
    expect(processTree(parent.pid ?? 0, listProcesses())).toEqual([]);
    process.kill(sleep?.pid ?? 0, 'SIGKILL');
    expect(await waitForExit(tree, 5000)).toEqual([]);
  });

  it('reads ps: ids, parents, the program name from the command line', () => {
    const table = parsePsOutput(
      '    1     0 /sbin/init splash\n  812     1 /usr/bin/node /app/bin/serve.js --port 0\n  900   812 /cache/bin/llama-server --model m.gguf\n',
    );
    expect(table.map(({ pid, ppid, name }) => [pid, ppid, name])).toEqual([
      [1, 0, 'init'],
      [812, 1, 'node'],
      [900, 812, 'llama-server'],
    ]);
    expect(processTree(812, table).map((entry) => entry.name)).toEqual(['node', 'llama-server']);
    const self = listProcesses().find((entry) => entry.pid === process.pid);
    expect(self?.ppid).toBe(process.ppid);
  });

  it('does not count an id the system has given to another program since', () => {
    const before = [{ pid: 900, ppid: 812, name: 'llama-server', command: 'llama-server' }];
    expect(survivors(before, [{ pid: 900, ppid: 1, name: 'bash', command: 'bash' }])).toEqual([]);
    expect(survivors(before, [{ pid: 900, ppid: 1, name: 'llama-server', command: 'llama-server' }])).toEqual(before);
  });
});
