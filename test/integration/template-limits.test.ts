/**
 * Issue 24, cause 2: a model file's chat template is a program from outside, and Folio renders
 * it (to build its prompts) in a process of its own with a time, memory and output limit; one that
 * fails there is set aside for Folio's own format. Rendered on the main thread, a loop of a
 * billion killed the CLI with a V8 fatal error and killed the server in "Use files I have", and
 * two nested loops froze it. Through the CLI (`folio ask` answers) and through a server in its
 * own process (the model loads and answers while another client keeps getting answers).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decoderSpec } from '../../native-models/demo/decoder-spec';
import { writeGguf } from '../../native-models/gguf/gguf-writer';
import { serveStudio, watchAnswers, type ServedStudio } from '../helpers/served-studio';

const RUNAWAY: Record<string, string> = {
  'a loop of a billion': '{% for i in range(1000000000) %}x{% endfor %}',
  'two nested loops of 100,000': '{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}',
  'a loop that hides from a probe': "{% if messages[0]['content'] != 'x' %}{% for i in range(1000000000) %}x{% endfor %}{% endif %}",
  // Our own, beside the probe's:
  'a macro calling itself': '{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}',
  'a loop behind the length of the question':
    "{% if messages[0]['content'] | length > 1 %}{% for i in range(300000000) %}{% endfor %}{% endif %}",
  'a hundred million numbers': '{% for i in range(100000000) %}{{ i }}{% endfor %}',
};

let dir = '';
const modelFor = (name: string): string => path.join(dir, `${name.replace(/\W+/g, '-')}.gguf`);
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-template-limits-'));
  for (const [name, template] of Object.entries(RUNAWAY))
    await writeGguf(modelFor(name), decoderSpec({ chatTokens: 'chatml', chatTemplate: template }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('folio ask with a model file whose chat template runs away', () => {
  it.each(Object.keys(RUNAWAY))(
    'answers with %s',
    (name) => {
      const started = Date.now();
      const run = spawnSync(
        process.execPath,
        [
          path.resolve('bin/folio.js'),
          'ask',
          '--model',
          modelFor(name),
          '--engine',
          'llama-node',
          '--threads',
          '1',
          '--max-tokens',
          '4',
          'Hello?',
        ],
        { encoding: 'utf8', timeout: 90_000 },
      );
      expect(run.signal, `still running after ${Date.now() - started} ms`).toBeNull();
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout.length).toBeGreaterThan(0);
    },
    120_000,
  );
});

describe('the server loading such a model from files', () => {
  let served: ServedStudio;
  beforeAll(async () => {
    served = await serveStudio();
  }, 60_000);
  afterAll(() => served?.close());

  it('loads and answers with each, while another client keeps getting answers', async () => {
    const watch = watchAnswers(served.baseUrl);
    const names = ['a loop of a billion', 'two nested loops of 100,000', 'a loop that hides from a probe'];
    for (const [index, name] of names.entries()) {
      const status = await served.studio.call('loadModel', { source: { kind: 'files', decoder: modelFor(name), projector: null } });
      expect(status.state, `${name}: ${JSON.stringify(status)}`).toBe('ready');
      const { answer } = await served.studio.call('ask', { jobId: `ask-${index}`, question: 'Hello?', seed: 1 });
      expect(typeof answer, name).toBe('string');
    }
    const { longestMs, answered } = await watch.stop();
    expect(longestMs, served.stderr()).toBeLessThan(5_000);
    expect(answered).toBeGreaterThan(10);
  }, 600_000);
});
