/**
 * Measures, for issue 21's closing note, each task Folio asks a converted XComposer2: how many
 * positions the original code's prompt takes, how many Folio sends now and sent before (one BOS,
 * llama.cpp's tokenisation of the text, Folio's system text for questions), and the largest
 * top-5 probability gap over 4 greedy tokens between Folio's engine (llama-server, full
 * precision) and the reference forward pass given the original prompt, with add_dummy_prefix
 * on and off. Needs the fixtures (npm run fixtures) and a llama-server build.
 *
 *     node bin/run-ts.js test/measure/xcomposer2-prompts.ts
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { convertXComposer2 } from '../../native-models/convert/convert-xcomposer2';
import { INTERNLM2_FORMAT, formatChat } from '../../native-models/prompts/chat-format';
import { askPrompt } from '../../native-models/prompts/ask-prompt';
import { parseOutline } from '../../electron/studio/compose/prompts/outline';
import { ModelVocabulary } from '../../native-models/tokenizer/model-vocabulary';
import type { PromptPart } from '../../native-models/engines/engine';
import { ModelSession } from '../../electron/studio/model/model-session';
import { splitArticle } from '../../electron/studio/compose/split-article';
import type { ModelPrompt } from '../../electron/studio/compose/prompt-families/prompt-family';
import { testPicture } from '../fixtures/png';
import { fixture } from '../helpers/fixture-paths';
import {
  convertedTokenizerFacts,
  originalSequence,
  referenceSteps,
  sentSequence,
  stepsGap,
  type Step,
} from '../helpers/xcomposer2-vocabulary';

const TOKENS = 4;
const QUESTION = 'What is in this picture?';
const user = (text: string, prefix = ''): string =>
  `[UNUSED_TOKEN_146]user\n${text}[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n${prefix}`;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-measure-'));
  const picturePath = path.join(dir, 'picture.png');
  writeFileSync(picturePath, testPicture(5, 28));
  const picture = { path: picturePath };
  const blocks = splitArticle('The harbour wakes.\n\nBoats go out to sea.\n\nThe town sleeps.\n\n');
  const lines = ['<Seg0> The harbour wakes.\n', '<Seg1> Boats go out to sea.\n', '<Seg2> The town sleeps.\n'];
  const outline = parseOutline('# Harbours\n## Boats');
  const rows: string[] = [
    '| task | prefix | original | Folio now | Folio before | top-5 gap now | top-5 gap before |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const [setting, folder] of [
    ['on', 'tiny-bin'],
    ['off', 'tiny-bin-no-prefix'],
  ] as const) {
    const checkpoint = fixture(`xcomposer2/${folder}`);
    const vocabulary = ModelVocabulary.from(convertedTokenizerFacts(checkpoint)) as ModelVocabulary;
    const converted = path.join(dir, `model-${setting}`);
    await convertXComposer2({ checkpointDir: checkpoint, outDir: converted, type: 'f32' });
    const session = await ModelSession.open({
      decoderPath: converted,
      engine: 'llama-server',
      fullPrecision: true,
      threads: 1,
      backend: 'cpu',
      contextSize: 2048,
    });
    const family = session.family;
    const before = (chat: ModelPrompt['chat']): Promise<PromptPart[]> => formatChat(INTERNLM2_FORMAT, chat);
    const tasks: Array<{ task: string; now: ModelPrompt; old: PromptPart[]; original: string; wrap: 'chat' | 'composition' | 'vlmeval' }> =
      [
        {
          task: 'ask, a picture',
          now: family.ask({ question: QUESTION, images: [picture] }),
          old: await before(askPrompt({ question: QUESTION, images: [picture] })),
          original: `<ImageHere>${QUESTION}`,
          wrap: 'chat',
        },
        {
          task: 'ask, text only',
          now: family.ask({ question: QUESTION }),
          old: await before(askPrompt({ question: QUESTION })),
          original: QUESTION,
          wrap: 'chat',
        },
        {
          task: 'write, a reference picture',
          now: family.write(outline, [picture]),
          old: [],
          original: user(`<image>${outline.text}`),
          wrap: 'composition',
        },
        {
          task: 'place',
          now: family.place(blocks, 2, []).prompt,
          old: [],
          original: user(`给定文章"${lines.join('')}" 根据上述文章，选择适合插入图像的2行`, '适合插入图像的行是'),
          wrap: 'composition',
        },
        {
          task: 'title',
          now: family.title(blocks, 1, []),
          old: [],
          original: user(`给定文章"${lines.join('')}" 给出适合在<Seg1>后插入的图像对应的标题。`, '标题是"'),
          wrap: 'composition',
        },
        {
          task: 'choose, 2 candidates',
          now: family.choose(blocks, 1, 't', [], [picture, picture]),
          old: [],
          original: user(
            `根据给定上下文和候选图像，选择合适的配图：The harbour wakes.\nBoats go out to sea.\n候选图像包括: A.<image>\nB.<image>`,
            '最合适的图是',
          ),
          wrap: 'composition',
        },
        {
          task: 'edit (shorten)',
          now: family.edit({ article: '', paragraph: 'Boats go out to sea.', previous: '', next: '', edit: { kind: 'shorten' } }),
          old: [],
          original: user('缩写以下段落：Boats go out to sea.'),
          wrap: 'composition',
        },
        {
          task: 'eval question',
          now: family.evalQuestion({
            question: 'Which boat?',
            options: [
              { letter: 'A', text: 'red' },
              { letter: 'B', text: 'blue' },
            ],
            picture: { bytes: testPicture(5, 28), mimeType: 'image/png' },
          }).prompt,
          old: [],
          original: user('Question: Which boat?\nContext: N/A\nOptions: A. red B. blue', 'The answer is'),
          wrap: 'vlmeval',
        },
      ];
    for (const { task, now, old, original, wrap } of tasks) {
      // Before: the composition steps and eval sent the same conversation as text, one BOS, llama.cpp's tokenisation.
      const oldParts = old.length > 0 ? old : await before(now.chat);
      const originalIds = await originalSequence(checkpoint, original, wrap);
      const sent = sentSequence(vocabulary, await now.parts());
      const sentBefore = sentSequence(vocabulary, oldParts);
      const count = (ids: number[]): number => ids.length;
      const greedy = async (prompt: ModelPrompt): Promise<Step[]> => {
        const result = await session.ask(prompt, { sampling: { temperature: 0, topK: 1, seed: 0 }, maxTokens: TOKENS, probs: 5 });
        return (result.tokenProbs ?? []).map((step) => ({ id: step.id, top: step.top.map((top): [number, number] => [top.id, top.prob]) }));
      };
      const reference = await referenceSteps(checkpoint, picturePath, original, '--wrap', wrap, '--tokens', String(TOKENS));
      const mark = (ids: number[]): string => (JSON.stringify(ids) === JSON.stringify(originalIds) ? ' (same ids)' : ' (other ids)');
      const gapNow = stepsGap(reference, await greedy(now));
      const gapBefore = stepsGap(reference, await greedy({ parts: () => Promise.resolve(oldParts), chat: now.chat }));
      rows.push(
        `| ${task} | ${setting} | ${count(originalIds)} | ${count(sent)}${mark(sent)} | ${count(sentBefore)}${mark(sentBefore)} | ${gapNow.toExponential(1)} | ${gapBefore.toExponential(1)} |`,
      );
    }
    await session.close();
  }
  console.log('Text positions; each picture counted as one position (the tiny tower gives 4 tokens a picture).');
  console.log(rows.join('\n'));
}

await main();
