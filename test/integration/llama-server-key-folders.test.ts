/**
 * llama-server gets its API key through a folder in the temp folder. A model host killed
 * outright cannot remove it: the next start removes every such folder whose maker is gone,
 * and only those.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelHostClient } from '../../native-models/host/model-host-client';
import { findLlamaServerBinary } from '../../native-models/engines/llama-server/compile/llama-server-binary';
import { TINY_DECODER } from '../helpers/fixture-paths';

const PROMPT = [{ type: 'text' as const, text: 'Hello' }];
const keyFolders = (): Set<string> => new Set(readdirSync(os.tmpdir()).filter((name) => name.startsWith('folio-llama-server-')));
const built = Boolean(await findLlamaServerBinary());

describe.skipIf(!built)('llama-server key folders', () => {
  let crashed: () => void = () => undefined;
  const host = new ModelHostClient({ engine: 'llama-server', onCrash: () => crashed() });
  const alive = path.join(os.tmpdir(), `folio-llama-server-test-alive-${process.pid}`);
  afterAll(async () => {
    rmSync(alive, { recursive: true, force: true });
    await host.dispose();
  });

  it('are removed at the next start when the host that made them was killed, and a running maker keeps its folder', async () => {
    const before = keyFolders();
    await host.load({ decoderPath: TINY_DECODER, contextSize: 512, backend: 'cpu', threads: 1 });
    const made = [...keyFolders()].filter((name) => !before.has(name));
    expect(made).toHaveLength(1);
    const killedHostFolder = path.join(os.tmpdir(), made[0] as string);

    // Another folder whose maker still runs (this test), and one whose maker has ended.
    const ended = path.join(os.tmpdir(), `folio-llama-server-test-ended-${process.pid}`);
    const endedPid = spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).stdout.trim();
    for (const [dir, pid] of [
      [alive, String(process.pid)],
      [ended, endedPid],
    ] as const) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'owner.pid'), pid);
      writeFileSync(path.join(dir, 'key'), 'secret');
    }

    const gone = new Promise<void>((resolve) => (crashed = resolve));
    process.kill(host.pid as number, 'SIGKILL');
    await gone;
    expect(existsSync(killedHostFolder)).toBe(true);

    // The next call starts a new host and a new llama-server: leftovers go first.
    const next = await host.complete({ prompt: PROMPT, maxTokens: 2 });
    expect(next.timings.decodedTokens).toBeGreaterThan(0);
    expect(existsSync(killedHostFolder)).toBe(false);
    expect(existsSync(ended)).toBe(false);
    expect(existsSync(alive)).toBe(true);
  });
});
