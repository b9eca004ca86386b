/**
 * Issue 24's fuzzing of chat templates through model loading on every engine: seeded random
 * templates built from what runs away (loops over huge ranges, string products, recursive
 * macros, exceptions, guards on the conversation that hide from a probe) are written into the
 * tiny model's GGUF, which each engine loads through ModelSession (Folio's own rendering on its
 * bounded worker, the engine's load, which must never run the file's template) and answers a
 * question. A template may be set aside for Folio's own format; nothing may hang, crash or fail.
 * FOLIO_FUZZ_SEED replays a run; about 20 s of cases per engine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelSession } from '../../electron/studio/model/model-session';
import type { EngineKind } from '../../native-models/engines/engine';
import { decoderSpec } from '../../native-models/demo/decoder-spec';
import { writeGguf } from '../../native-models/gguf/gguf-writer';
import { fuzzTemplate } from '../helpers/fuzz-templates';
import { seededRandom } from '../helpers/seeded-random';

const seed = Number(process.env.FOLIO_FUZZ_SEED ?? Date.now() % 1_000_000);
const BUDGET_MS = 20_000;
const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-template-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const engines: EngineKind[] = ['llama-node', 'llama-server', 'node-llama-cpp'];

describe.each(engines)('%s loading models whose chat templates are fuzzed', (engine) => {
  it(`loads and answers with each (FOLIO_FUZZ_SEED=${seed})`, async () => {
    console.log(`template-fuzz ${engine}: FOLIO_FUZZ_SEED=${seed}`);
    const random = seededRandom(seed);
    const started = Date.now();
    for (let index = 0; Date.now() - started < BUDGET_MS || index < 2; index++) {
      const template = fuzzTemplate(random);
      const decoderPath = path.join(dir, `${engine}-${index}.gguf`);
      await writeGguf(decoderPath, decoderSpec({ chatTokens: 'chatml', chatTemplate: template }));
      // No projector: node-llama-cpp takes none, and the template is the decoder's.
      const session = await ModelSession.open({ decoderPath, engine, contextSize: 512, threads: 1, backend: 'cpu' });
      try {
        // The grammar asks for at least one letter: the random tiny model may otherwise end its turn at
        // once (seed 599500 did, on two engines), and an empty answer proves nothing about the load.
        const result = await session.ask(session.family.chat({ turns: [{ role: 'user', content: 'Hello?' }] }), {
          maxTokens: 3,
          constraint: { type: 'grammar', grammar: 'root ::= [a-z]{1,3}' },
        });
        // (llama.node's predicted_n can read 0 for a one-letter answer: the text is what counts.)
        expect(result.text, template).toMatch(/^[a-z]{1,3}$/);
      } finally {
        await session.close();
      }
    }
  }, 240_000);
});
