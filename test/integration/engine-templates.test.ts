/**
 * Issue 24, cause 3: no engine executes a chat template that came from a model file. llama-server
 * and llama.node rendered the GGUF's template when they loaded the model, in native code with no
 * limit: a loop in it never let the load finish, a string product took gigabytes, an exception in
 * it stopped llama-server from starting. Each file here must load and answer well within the limit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { EngineKind } from '../../native-models/engines/engine';
import { ModelHostClient } from '../../native-models/host/model-host-client';
import { writeGguf } from '../../native-models/gguf/gguf-writer';
import { decoderSpec } from '../../native-models/demo/decoder-spec';

const HOSTILE_TEMPLATES: Record<string, string> = {
  'a loop of a billion': '{% for i in range(1000000000) %}x{% endfor %}',
  'a loop that hides from a probe': "{% if messages[0]['content'] != 'x' %}{% for i in range(1000000000) %}x{% endfor %}{% endif %}",
  'a gigabyte string': "{{ 'x' * 1000000000 }}",
  'an exception': "{{ raise_exception('the model file template ran') }}",
  'two nested loops': '{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}',
  'a macro calling itself': '{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}',
};
const LOAD_LIMIT_MS = 45_000;
const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-engine-templates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function modelWith(name: string, template: string): Promise<string> {
  const file = path.join(dir, `${name.replace(/\W+/g, '-')}.gguf`);
  await writeGguf(file, decoderSpec({ chatTokens: 'chatml', chatTemplate: template }));
  return file;
}

const engines: Array<[EngineKind, string[]]> = [
  ['llama-node', Object.keys(HOSTILE_TEMPLATES)],
  ['llama-server', Object.keys(HOSTILE_TEMPLATES)],
  // node-llama-cpp reads the template only to pick a chat wrapper, which Folio never asks for.
  ['node-llama-cpp', ['a loop of a billion', 'an exception']],
];

describe.each(engines)('%s with a model file whose chat template is hostile', (engine, names) => {
  let client: ModelHostClient | null = null;
  afterEach(async () => {
    await client?.dispose();
    client = null;
  });

  it.each(names)(
    'loads and answers with %s',
    async (name) => {
      const decoderPath = await modelWith(name, HOSTILE_TEMPLATES[name] as string);
      client = new ModelHostClient({ engine, callTimeoutMs: (method) => (method === 'load' ? LOAD_LIMIT_MS : 30_000) });
      await client.load({ decoderPath, contextSize: 512, backend: 'cpu', threads: 1 });
      // The grammar asks for at least one letter: the random tiny model may otherwise end its turn
      // at once, and an empty answer proves nothing about the load.
      const answer = await client.complete({
        prompt: [{ type: 'text', text: '<|im_start|>user\nHi<|im_end|>\n' }],
        maxTokens: 3,
        constraint: { type: 'grammar', grammar: 'root ::= [a-z]{1,3}' },
      });
      // (llama.node's predicted_n can read 0 for a one-letter answer: the text is what counts.)
      expect(answer.text).toMatch(/^[a-z]{1,3}$/);
    },
    120_000,
  );
});
