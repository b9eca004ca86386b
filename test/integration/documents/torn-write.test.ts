/**
 * A writer's machine can die at any moment. A child process saves two states in turn (with
 * autosaves between) and is killed with SIGKILL at a random moment, 100 times; after every
 * kill each file on disk is whole, either the old state or the new, and the project opens
 * without a warning. The child is bundled once with esbuild so each start costs milliseconds.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openProject } from '../../../electron/studio/documents/open-project';
import { createProject } from '../../../electron/studio/documents/save-project';
import { hash32 } from '../../../native-models/demo/prng';
import { tornWriteState } from './torn-write-states';

const KILLS = 100;
const LANES = 4;
/** Kills land between 0 and this many milliseconds after the child's first save. */
const MAX_DELAY_MS = 40;

let work = '';
let child = '';
const states = [tornWriteState('A'), tornWriteState('B')];
const documentTexts = states.map((state) => `${JSON.stringify(state.document)}\n`);

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'folio-torn-'));
  child = path.join(work, 'save-loop-child.mjs');
  buildSync({
    entryPoints: [path.resolve('test/integration/documents/save-loop-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: child,
    logLevel: 'error',
  });
});
afterAll(() => rm(work, { recursive: true, force: true }));

function runAndKill(dir: string, first: 'A' | 'B', delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, [child, dir, first], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    process_.stdout.once('data', () => setTimeout(() => process_.kill('SIGKILL'), delayMs));
    process_.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited with ${code}: ${stderr}`))));
  });
}

async function expectWholeState(dir: string): Promise<void> {
  const documentText = await readFile(path.join(dir, 'document.json'), 'utf8');
  expect(documentTexts).toContain(documentText);
  const { updatedAt: _updatedAt, ...manifest } = JSON.parse(await readFile(path.join(dir, 'project.json'), 'utf8'));
  expect(states.map(({ manifest: { updatedAt: _, ...rest } }) => rest)).toContainEqual(manifest);
  const project = await openProject(dir);
  expect(project.warnings).toEqual([]);
  expect(states.map((state) => state.document)).toContainEqual(project.document);
  if (project.recovery) {
    expect(project.recovery.warnings).toEqual([]);
    expect(states.map((state) => state.document)).toContainEqual(project.recovery.document);
  }
}

it(`keeps the old or the new state through ${KILLS} SIGKILLs at random moments`, { timeout: 600_000 }, async () => {
  let draws = 0;
  const random = (): number => hash32(20260101, draws++) / 0x100000000;
  let tempsSeen = 0;
  const lane = async (index: number): Promise<void> => {
    const dir = await createProject(work, `Lane ${index}`);
    for (let kill = index; kill < KILLS; kill += LANES) {
      await runAndKill(dir, random() < 0.5 ? 'A' : 'B', Math.floor(random() * MAX_DELAY_MS));
      const leftovers = [...(await readdir(dir)), ...(await readdir(path.join(dir, '.autosave')).catch(() => []))];
      tempsSeen += leftovers.filter((name) => name.endsWith('.folio-tmp')).length;
      await expectWholeState(dir);
    }
  };
  await Promise.all(Array.from({ length: LANES }, (_, index) => lane(index)));
  // Some kills landed mid-write (a temporary file was left): the test reached the dangerous moments.
  expect(tempsSeen).toBeGreaterThan(0);
});
