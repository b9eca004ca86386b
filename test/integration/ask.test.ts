/**
 * Asking about images (and the article being written) through the real engine: the answer
 * streams, and the document really reaches the model (the prompt grows by its tokens).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ModelSession } from '../../electron/studio/model/model-session';
import { testPicture } from '../fixtures/png';
import { openTinySession } from '../helpers/tiny-session';

let session: ModelSession;
beforeAll(async () => {
  session = await openTinySession();
});
afterAll(() => session.close());

describe('ask about images', () => {
  it('streams an answer about two pictures, with the document as context', async () => {
    const pieces: string[] = [];
    const images = [
      { bytes: testPicture(4), mimeType: 'image/png' },
      { bytes: testPicture(5), mimeType: 'image/png' },
    ];
    const document = 'Harbour towns wake early. The boats leave before dawn.';
    const result = await session.ask(session.family.ask({ question: 'Which picture suits the article?', images, document }), {
      maxTokens: 16,
      sampling: { seed: 1 },
      onToken: (piece) => pieces.push(piece),
    });
    expect(pieces.length).toBeGreaterThan(0);
    expect(pieces.join('')).toBe(result.text);
    const withDocument = await session.engine.tokenize(await session.family.ask({ question: 'q', images, document }).parts());
    const without = await session.engine.tokenize(await session.family.ask({ question: 'q', images }).parts());
    expect(withDocument.count).toBeGreaterThan(without.count + 10);
  });
});
