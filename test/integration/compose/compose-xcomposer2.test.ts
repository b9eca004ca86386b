/**
 * A converted InternLM-XComposer2 (the tiny random checkpoint) loaded like any other model: the
 * folder brings its projector and its image-token adapter, the compose steps use the phrasing
 * the model was trained on, and the studio's pipeline writes an illustrated article with it.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeArticle } from '../../../electron/studio/compose/compose-article';
import type { ComposeModel } from '../../../electron/studio/compose/compose-types';
import { draftToDocument } from '../../../electron/studio/compose/draft-to-document';
import type { FigureNode } from '../../../electron/studio/documents/article-document';
import { ModelSession } from '../../../electron/studio/model/model-session';
import { convertXComposer2 } from '../../../native-models/convert/convert-xcomposer2';
import { findLlamaServerBinary } from '../../../native-models/engines/llama-server/compile/llama-server-binary';
import type { ChatPrompt } from '../../../native-models/prompts/chat-format';
import { fixture } from '../../helpers/fixture-paths';
import { generatedCandidates, memoryLibrary } from '../../helpers/memory-library';

const built = await findLlamaServerBinary();
let session: ModelSession;
const prompts: ChatPrompt[] = [];

beforeAll(async () => {
  if (!built) return;
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'folio-xcomposer2-')), 'model');
  await convertXComposer2({ checkpointDir: fixture('xcomposer2/tiny-bin'), outDir: out, type: 'f32' });
  session = await ModelSession.open({ decoderPath: out, contextSize: 2048, threads: 1, backend: 'cpu', engine: 'llama-server' });
});
afterAll(async () => {
  await session?.close();
});

describe.skipIf(!built)('compose with a converted XComposer2', () => {
  it('loads the folder with its projector and adapter, and XComposer2 prompts', () => {
    expect(session.info.projectorPath).toMatch(/\.gguf$/);
    expect(session.info.imageAdapterPath).toMatch(/\.gguf$/);
    expect(session.family.name).toBe('xcomposer2');
  });

  it('writes an illustrated article through the pipeline, asking as the reference demo does', async () => {
    const model: ComposeModel = {
      info: session.info,
      family: session.family,
      ask: (prompt, options) => {
        prompts.push(prompt.chat);
        return session.ask(prompt, options);
      },
    };
    const outcome = await composeArticle(
      model,
      {
        outline: '# Harbour towns\n## Boats\n## Markets\n',
        library: memoryLibrary(generatedCandidates(8)),
        figures: 2,
        writeMaxTokens: 600,
      },
      { seed: 1 },
    );
    expect(outcome.problems).toEqual([]);
    const figures = draftToDocument(outcome.draft).content.filter((node): node is FigureNode => node.type === 'figure');
    const paragraphs = outcome.draft.blocks.filter((block) => block.kind === 'paragraph').length;
    expect(figures).toHaveLength(Math.min(2, paragraphs));
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures) expect(figure.attrs.candidates).toContain(figure.attrs.assetId);
    // No system turn; the place, title and choose answers pre-started as in the reference.
    expect(prompts.every((prompt) => prompt.turns.every((turn) => turn.role !== 'system'))).toBe(true);
    const prefixes = new Set(prompts.map((prompt) => prompt.answerPrefix).filter(Boolean));
    expect([...prefixes]).toEqual(expect.arrayContaining(['适合插入图像的行是', '标题是"', '最合适的图是']));
  });
});
