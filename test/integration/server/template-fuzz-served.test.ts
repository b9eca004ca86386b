/**
 * Issue 24's template fuzz through the served studio (Done-when line 2: "chat templates through
 * model loading on every engine, the server answers other clients throughout"): for each engine
 * a server in its own process loads tiny models whose GGUF carries a seeded random runaway
 * template (test/helpers/fuzz-templates.ts) through the Studio API's loadModel, and answers an
 * ask with each, while another client asks `GET /` all along. The server picks its engine as it
 * does for a writer: llama-server where it is built; without one (an empty build cache)
 * llama.node for a model with a projector and node-llama-cpp for one without.
 * FOLIO_FUZZ_SEED replays a run; about 12 s of cases per engine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decoderSpec } from '../../../native-models/demo/decoder-spec';
import { writeGguf } from '../../../native-models/gguf/gguf-writer';
import { TINY_PROJECTOR } from '../../helpers/fixture-paths';
import { fuzzTemplate } from '../../helpers/fuzz-templates';
import { seededRandom } from '../../helpers/seeded-random';
import { serveStudio, watchAnswers } from '../../helpers/served-studio';

const seed = Number(process.env.FOLIO_FUZZ_SEED ?? Date.now() % 1_000_000);
const BUDGET_MS = 12_000;
const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-template-fuzz-served-'));
const noBuilds = mkdtempSync(path.join(os.tmpdir(), 'folio-no-llama-server-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(noBuilds, { recursive: true, force: true });
});

const engines = [
  { engine: 'llama-server', env: {}, projector: TINY_PROJECTOR },
  { engine: 'llama-node', env: { FOLIO_LLAMA_SERVER_CACHE: noBuilds }, projector: TINY_PROJECTOR },
  { engine: 'node-llama-cpp', env: { FOLIO_LLAMA_SERVER_CACHE: noBuilds }, projector: null },
] as const;

describe.each(engines)('the served studio on $engine, loading models whose chat templates are fuzzed', ({ engine, env, projector }) => {
  it(`loads and answers with each, and keeps answering others (FOLIO_FUZZ_SEED=${seed})`, async () => {
    console.log(`template-fuzz-served ${engine}: FOLIO_FUZZ_SEED=${seed}`);
    const random = seededRandom(seed);
    const served = await serveStudio([], undefined, env);
    const watch = watchAnswers(served.baseUrl);
    try {
      const started = Date.now();
      for (let index = 0; Date.now() - started < BUDGET_MS || index < 2; index++) {
        const template = fuzzTemplate(random);
        const decoder = path.join(dir, `${engine}-${index}.gguf`);
        await writeGguf(decoder, decoderSpec({ chatTokens: 'chatml', chatTemplate: template }));
        const status = await served.studio.call('loadModel', { source: { kind: 'files', decoder, projector } });
        expect(status, template).toMatchObject({ state: 'ready', engine });
        const { answer } = await served.studio.call('ask', { jobId: `ask-${index}`, question: 'Hello?', seed: index });
        expect(typeof answer, template).toBe('string');
      }
    } finally {
      const { longestMs, answered } = await watch.stop();
      served.close();
      expect(answered).toBeGreaterThan(0);
      // Generous for a loaded machine; a main thread held by a template waited 900 s.
      expect(longestMs, served.stderr()).toBeLessThan(10_000);
    }
  }, 300_000);
});
