import { describe, expect, it } from 'vitest';
import type { ComposeModel } from '../../../electron/studio/compose/compose-types';
import { firstEmptySection, writeArticle } from '../../../electron/studio/compose/write-article';
import type { ArticleBlock } from '../../../electron/studio/compose/prompts/article-text';
import { INTERNLM2_FORMAT } from '../../../native-models/prompts/chat-format';
import { studioFamily } from '../../../electron/studio/compose/prompt-families/studio/studio-family';
import type { ModelPrompt } from '../../../electron/studio/compose/prompt-families/prompt-family';

/** A model that gives the scripted answers in turn and remembers what it was asked. */
function scripted(...answers: string[]): ComposeModel & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    family: studioFamily(INTERNLM2_FORMAT),
    ask: async (prompt: ModelPrompt) => {
      asked.push(JSON.stringify(prompt.chat.turns.at(-1)?.content));
      return { text: answers.shift() ?? '' } as Awaited<ReturnType<ComposeModel['ask']>>;
    },
  };
}

const OUTLINE = '# A day on the coast\n## Morning\n## Noon\n## Evening';
const shape = (blocks: ArticleBlock[]) =>
  blocks.map((block) => (block.kind === 'heading' ? `h${block.level} ${block.text}` : `p${block.paragraphIndex} ${block.text}`));

describe('writing the article', () => {
  it('writes the sections a model left without text in a follow-up, so no heading stays empty (issue 15)', async () => {
    // The first answer ran out of tokens after Morning's heading.
    const model = scripted(
      '# A day on the coast\n\nSalt in the air.\n\n## Morning\n\n',
      '## Morning\n\nBoats go out.\n\n## Noon\n\nNets dry.\n\n## Evening\n\nLamps.\n\n',
    );
    const { blocks } = await writeArticle(model, { outline: OUTLINE }, { seed: 1 });
    expect(shape(blocks)).toEqual([
      'h1 A day on the coast',
      'p0 Salt in the air.',
      'h2 Morning',
      'p1 Boats go out.',
      'h2 Noon',
      'p2 Nets dry.',
      'h2 Evening',
      'p3 Lamps.',
    ]);
    expect(model.asked).toHaveLength(2);
    expect(model.asked[1]).toContain('## Morning\\n## Noon\\n## Evening');
    expect(model.asked[1]).not.toContain('A day on the coast');
  });

  it('asks once when every section has text', async () => {
    const model = scripted('# A day on the coast\n\nSalt.\n\n## Morning\n\nBoats.\n\n## Noon\n\nNets.\n\n## Evening\n\nLamps.\n\n');
    await writeArticle(model, { outline: OUTLINE }, { seed: 1 });
    expect(model.asked).toHaveLength(1);
  });

  it('keeps the headings when a follow-up writes nothing either, and stops trying', async () => {
    const model = scripted('# A day on the coast\n\nSalt.\n\n');
    const { blocks } = await writeArticle(model, { outline: OUTLINE }, { seed: 1 });
    expect(shape(blocks)).toEqual(['h1 A day on the coast', 'p0 Salt.', 'h2 Morning', 'h2 Noon', 'h2 Evening']);
    expect(model.asked).toHaveLength(2);
  });

  it("never drops a follow-up's sections for the paragraph limit (the first answer used it up)", async () => {
    const many = Array.from({ length: 60 }, (_, index) => `Line ${index}.`).join('\n\n');
    const model = scripted(
      `# A day on the coast\n\n${many}\n\n`,
      '## Morning\n\nBoats.\n\n## Noon\n\nNets.\n\n## Evening\n\nLamps.\n\n',
      '## Evening\n\nLamps.\n\n',
    );
    const { blocks } = await writeArticle(model, { outline: OUTLINE }, { seed: 1 });
    expect(firstEmptySection(blocks, 4)).toBe(-1);
    expect(shape(blocks).slice(-6)).toEqual(['h2 Morning', 'p60 Boats.', 'h2 Noon', 'p61 Nets.', 'h2 Evening', 'p62 Lamps.']);
  });

  it('finds the first section without a paragraph', () => {
    expect(
      firstEmptySection(
        [
          { kind: 'heading', level: 1, text: 'a' },
          { kind: 'paragraph', text: 'x', paragraphIndex: 0 },
          { kind: 'heading', level: 2, text: 'b' },
        ],
        3,
      ),
    ).toBe(1);
    expect(
      firstEmptySection(
        [
          { kind: 'heading', level: 1, text: 'a' },
          { kind: 'paragraph', text: 'x', paragraphIndex: 0 },
        ],
        1,
      ),
    ).toBe(-1);
  });
});
