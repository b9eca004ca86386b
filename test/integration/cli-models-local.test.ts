/**
 * `folio models list` names the models on this computer that the catalog does not list (issue 23,
 * minor): the demo model and a converted one, each with where it is and what to give --model.
 * Through the CLI binary.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

it('lists the demo model and a converted model, with where they are', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-models-local-'));
  const converted = path.join(dir, 'models', 'converted', 'xcomposer2-q8_0');
  mkdirSync(converted, { recursive: true });
  writeFileSync(path.join(converted, 'folio-model.json'), '{}');
  writeFileSync(path.join(converted, 'decoder.gguf'), Buffer.alloc(2048));
  const dataDir = path.join(dir, 'data');
  const run = spawnSync(process.execPath, [path.resolve('bin/folio.js'), 'models', 'list', '--models-dir', path.join(dir, 'models')], {
    encoding: 'utf8',
    env: { ...process.env, FOLIO_DATA_DIR: dataDir },
    timeout: 120_000,
  });
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^ {2}demo +The demo model/m);
  expect(run.stdout).toContain(`in ${path.join(dataDir, 'demo-model')} (written there on first use)`);
  expect(run.stdout).toMatch(/^ {2}xcomposer2-q8_0 .*converted by Folio$/m);
  expect(run.stdout).toContain(`--model ${converted}`);
  const json = JSON.parse(
    spawnSync(process.execPath, [path.resolve('bin/folio.js'), 'models', 'list', '--json', '--models-dir', path.join(dir, 'models')], {
      encoding: 'utf8',
      env: { ...process.env, FOLIO_DATA_DIR: dataDir },
      timeout: 120_000,
    }).stdout,
  ) as { demo: { where: string }; converted: Array<{ name: string; where: string }> };
  expect(json.demo.where).toBe(path.join(dataDir, 'demo-model'));
  expect(json.converted).toMatchObject([{ name: 'xcomposer2-q8_0', where: converted }]);
});
