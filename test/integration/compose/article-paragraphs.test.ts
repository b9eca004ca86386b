/**
 * Every paragraph the write step's grammar lets the tiny model write keeps visible text once the
 * article leaves out control characters and trims spaces (splitArticle): a paragraph of U+0004s
 * or spaces alone came out empty, and the studio showed its section as a bare heading (the
 * writer-walk e2e failed about one run in four). Through the real engine, 30 seeds.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ModelSession } from '../../../electron/studio/model/model-session';
import { splitArticle } from '../../../electron/studio/compose/split-article';
import { articleGrammar } from '../../../electron/studio/compose/prompts/gbnf';
import { parseOutline } from '../../../electron/studio/compose/prompts/outline';
import { WRITING_SAMPLING } from '../../../native-models/prompts/sampling-defaults';
import { openTinySession } from '../../helpers/tiny-session';

let session: ModelSession;
beforeAll(async () => {
  session = await openTinySession();
});
afterAll(async () => {
  await session.close();
});

it('writes no paragraph that is empty once control characters and spaces are left out', async () => {
  const outline = parseOutline('## Harbour\n## Boats\n## Nets\n## Market');
  const grammar = articleGrammar({ introParagraphs: 0, sections: outline.headings, maxParagraphs: 8 });
  // Seeds 60, 82, 124 and 187 wrote a paragraph of U+0004 or U+000B alone under the old rule.
  for (const seed of [60, 82, 124, 187, ...Array.from({ length: 20 }, (_, index) => index + 1)]) {
    const result = await session.ask(session.family.write(outline, []), {
      sampling: { ...WRITING_SAMPLING, seed },
      maxTokens: 300,
      constraint: { type: 'grammar', grammar },
    });
    // Paragraphs the grammar closed with their blank line; one the token limit cut may be open.
    const closed = result.stopReason === 'max-tokens' ? result.text.slice(0, result.text.lastIndexOf('\n\n') + 2) : result.text;
    const written = closed.split('\n\n').filter((part) => part !== '' && !part.startsWith('#'));
    const kept = splitArticle(closed).filter((block) => block.kind === 'paragraph');
    expect(kept.length, `seed ${seed}: ${JSON.stringify(closed)}`).toBe(written.length);
  }
});
