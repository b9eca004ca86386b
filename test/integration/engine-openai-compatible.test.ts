/**
 * The engine contract against a real OpenAI-compatible server on loopback: llama.cpp's own
 * llama-server (the tiny models), spoken to through its /v1 chat completions, as a remote box
 * running LMDeploy or vLLM would be.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeArticle } from '../../electron/studio/compose/compose-article';
import { draftToDocument } from '../../electron/studio/compose/draft-to-document';
import { ModelSession } from '../../electron/studio/model/model-session';
import { generatedCandidates, memoryLibrary } from '../helpers/memory-library';
import { findLlamaServerBinary } from '../../native-models/engines/llama-server/compile/llama-server-binary';
import { startLlamaServer, type RunningLlamaServer } from '../../native-models/engines/llama-server/llama-server-process';
import { TINY_DECODER, TINY_PROJECTOR } from '../helpers/fixture-paths';
import { describeEngineContract } from './engine-contract';

const built = await findLlamaServerBinary();
if (built) {
  let server: RunningLlamaServer;
  beforeAll(async () => {
    server = await startLlamaServer({
      binary: built.server,
      model: TINY_DECODER,
      projector: TINY_PROJECTOR,
      contextSize: 512,
      threads: 1,
      gpuLayers: 0,
    });
  });
  afterAll(() => server.stop());
  describeEngineContract('openai-compatible', {
    vision: true,
    server: () => ({ baseUrl: server.baseUrl, apiKey: server.apiKey, model: TINY_DECODER }),
  });

  describe('a remote server through the studio', () => {
    it('composes an illustrated article through the whole pipeline', async () => {
      const roomy = await startLlamaServer({
        binary: built.server,
        model: TINY_DECODER,
        projector: TINY_PROJECTOR,
        contextSize: 2048,
        threads: 1,
        gpuLayers: 0,
      });
      const session = await ModelSession.open({
        decoderPath: TINY_DECODER,
        server: { baseUrl: roomy.baseUrl, apiKey: roomy.apiKey, model: TINY_DECODER },
        contextSize: 2048,
      });
      try {
        const outcome = await composeArticle(
          session,
          { outline: '# Tides\n## Morning', library: memoryLibrary(generatedCandidates(8)), figures: 2, writeMaxTokens: 120 },
          { seed: 3 },
        );
        const document = draftToDocument(outcome.draft);
        expect(document.content.filter((node) => node.type === 'heading')).toHaveLength(2);
        const figures = document.content.filter((node) => node.type === 'figure');
        expect(figures.length).toBeGreaterThanOrEqual(1);
        for (const figure of figures) expect(figure.type === 'figure' && figure.attrs.assetId).toBeTruthy();
      } finally {
        await session.close();
        await roomy.stop();
      }
    });

    it('`folio ask --server` streams the answer', () => {
      const run = spawnSync(
        process.execPath,
        [
          path.resolve('bin/folio.js'),
          'ask',
          '--server',
          server.baseUrl,
          '--api-key',
          server.apiKey,
          '--server-model',
          TINY_DECODER,
          '--max-tokens',
          '8',
          '--seed',
          '2',
          'Hello?',
        ],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout.trim().length).toBeGreaterThan(0);
    });

    it('`folio ask --server` with a wrong key says so in one line', () => {
      const run = spawnSync(
        process.execPath,
        [path.resolve('bin/folio.js'), 'ask', '--server', server.baseUrl, '--api-key', 'wrong', '--server-model', TINY_DECODER, 'Hello?'],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/refused the API key/);
    });
  });
} else {
  describe('engine contract: openai-compatible', () => {
    it.skip('needs `npm run build:llama-server` first (its server is the test peer)', () => {});
  });
}
