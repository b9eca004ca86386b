/**
 * Folio's SentencePiece tokenisation against the sentencepiece library itself (Debian's
 * python3-sentencepiece) on the tiny XComposer2 checkpoint's tokenizer.model, with
 * add_dummy_prefix on and off: the ids the model's own tokenizer gives each text part, which
 * Folio must send where llama.cpp would tokenise differently.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelVocabulary } from '../../../native-models/tokenizer/model-vocabulary';
import { fixture } from '../../helpers/fixture-paths';
import { convertedTokenizerFacts } from '../../helpers/xcomposer2-vocabulary';
import { pythonWithTorch, XCOMPOSER2_FIXTURE } from '../../fixtures/xcomposer2-checkpoint';

const MARKERS = ['[UNUSED_TOKEN_146]', '[UNUSED_TOKEN_145]'];
const TEXTS = [
  'What is in this picture?',
  '[UNUSED_TOKEN_146]system\nhello the[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]user\n',
  'Please describe this image.[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n',
  ' a leading space',
  'two  spaces and a trailing one ',
  '浦语·灵笔 (上海人工智能实验室)',
  'an emoji 🙂 and a tab\tthere',
  '\n\nnewlines\n',
  'the harbour, the sea; the town!',
  '[UNUSED_TOKEN_145][UNUSED_TOKEN_146]',
  'x',
];

async function sentencepieceIds(tokenizerFile: string, texts: readonly string[]): Promise<number[][]> {
  const script = [
    'import json, sys, sentencepiece',
    'sp = sentencepiece.SentencePieceProcessor(model_file=sys.argv[1])',
    'print(json.dumps([sp.encode(t) for t in json.loads(sys.stdin.read())]))',
  ].join('\n');
  return JSON.parse(
    execFileSync(await pythonWithTorch(), ['-c', script, tokenizerFile], { input: JSON.stringify(texts), encoding: 'utf8' }),
  ) as number[][];
}

describe.each([
  ['on', XCOMPOSER2_FIXTURE.bin],
  ['off', XCOMPOSER2_FIXTURE.binNoPrefix],
])('SentencePiece ids with add_dummy_prefix %s', (setting, folder) => {
  const tokenizerFile = path.join(fixture(`xcomposer2/${folder}`), 'tokenizer.model');
  let vocabulary: ModelVocabulary;
  beforeAll(() => {
    vocabulary = ModelVocabulary.from(convertedTokenizerFacts(fixture(`xcomposer2/${folder}`))) as ModelVocabulary;
  });

  it('are the sentencepiece library’s, text part by text part', async () => {
    expect(vocabulary.addSpacePrefix).toBe(setting === 'on');
    const expected = await sentencepieceIds(tokenizerFile, TEXTS);
    expect(TEXTS.map((text) => vocabulary.sentencePiece(text, MARKERS))).toEqual(expected);
  }, 60_000);

  it('differ from llama.cpp’s after a special piece only when the prefix is on', () => {
    const text = '[UNUSED_TOKEN_146]user\nthe boat[UNUSED_TOKEN_145]\n';
    const own = vocabulary.sentencePiece(text, MARKERS);
    const llama = vocabulary.llamaCpp(text, false);
    if (setting === 'on') expect(llama).not.toEqual(own);
    else expect(llama).toEqual(own);
  });
});

describe('a vocabulary Folio cannot tokenise', () => {
  it('is null: not SentencePiece, or no scores', () => {
    expect(ModelVocabulary.from({ tokens: ['a'], tokenizerModel: 'gpt2', scores: [0], types: [1] })).toBeNull();
    expect(ModelVocabulary.from({ tokens: ['a'], tokenizerModel: 'llama' })).toBeNull();
  });
});
