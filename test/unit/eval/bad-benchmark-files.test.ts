/** Each kind of bad benchmark file is refused before any question, with one line that names it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanBenchmark } from '../../../electron/studio/eval/scan-benchmark';
import { openAnswerLog } from '../../../electron/studio/eval/answer-log';
import { tsvText } from '../../fixtures/benchmark-tsv';

const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-bad-tsv-'));
const file = (name: string, contents: string | Buffer): string => {
  const where = path.join(dir, name);
  writeFileSync(where, contents);
  return where;
};

describe('scanBenchmark refuses', () => {
  const cases: Array<{ name: string; contents: string | Buffer; code: string; line: RegExp }> = [
    {
      name: 'a picture',
      contents: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      code: 'not-a-tsv',
      line: /not a benchmark TSV file \(it holds binary data\)/,
    },
    { name: 'a CSV', contents: 'index,question,A,B,answer\n1,q,a,b,A\n', code: 'not-a-tsv', line: /no tabs/ },
    { name: 'an empty file', contents: '', code: 'not-a-tsv', line: /no tabs/ },
    { name: 'missing columns', contents: 'index\tquestion\tA\tB\n1\tq\ta\tb\n', code: 'missing-columns', line: /lacks the column answer/ },
    {
      name: 'one option column',
      contents: 'index\tquestion\tA\tanswer\n1\tq\ta\tA\n',
      code: 'missing-columns',
      line: /lacks the column B/,
    },
    {
      name: 'an answer naming an empty option',
      contents: tsvText(
        ['index', 'question', 'A', 'B', 'C', 'answer'],
        [{ index: 1, question: 'q', A: 'a', B: 'b', C: undefined, answer: 'C' }],
      ),
      code: 'answer-names-empty-option',
      line: /answer "C" names no option that has text \(row 2/,
    },
    {
      name: 'an index that is not a number',
      contents: tsvText(['index', 'question', 'A', 'B', 'answer'], [{ index: 'x1', question: 'q', A: 'a', B: 'b', answer: 'A' }]),
      code: 'bad-row',
      line: /index "x1" is not a whole number/,
    },
    {
      name: 'a repeated index',
      contents: tsvText(
        ['index', 'question', 'A', 'B', 'answer'],
        [
          { index: 1, question: 'q', A: 'a', B: 'b', answer: 'A' },
          { index: 1, question: 'q', A: 'a', B: 'b', answer: 'A' },
        ],
      ),
      code: 'bad-row',
      line: /index 1 appears twice/,
    },
    { name: 'an unclosed quote', contents: 'index\tquestion\tA\tB\tanswer\n1\t"q\ta\tb\tA\n', code: 'not-a-tsv', line: /never closed/ },
  ];
  for (const { name, contents, code, line } of cases) {
    it(name, async () => {
      const where = file(`${name.replace(/\W+/g, '-')}.tsv`, contents);
      await expect(scanBenchmark(where)).rejects.toMatchObject({ code, message: expect.stringMatching(line) });
    });
  }

  it('a file that does not exist', async () => {
    await expect(scanBenchmark(path.join(dir, 'nope.tsv'))).rejects.toMatchObject({ code: 'file-missing' });
  });

  it('reads pandas floats as whole indexes ("3.0")', async () => {
    const scan = await scanBenchmark(
      file(
        'floats.tsv',
        tsvText(['index', 'question', 'A', 'B', 'answer'], [{ index: '3.0', question: 'q', A: 'a', B: 'b', answer: 'B' }]),
      ),
    );
    expect(scan.rows.map((row) => row.index)).toEqual([3]);
  });
});

describe('openAnswerLog', () => {
  it('drops a line cut short by a kill and continues after the last whole one', async () => {
    const log = path.join(dir, 'cut.answers.jsonl');
    const run = { benchmark: 'b.tsv' };
    writeFileSync(log, `${JSON.stringify({ run })}\n{"id":1,"item":1,"expected":"A","letter":"A"}\n{"id":2,"item":2,"exp`);
    const opened = await openAnswerLog(log, run);
    expect([...opened.done.keys()]).toEqual([1]);
    await opened.append({ id: 2, item: 2, expected: 'B', letter: 'A' });
    await opened.close();
    const again = await openAnswerLog(log, run);
    expect([...again.done.keys()]).toEqual([1, 2]);
    await again.close();
  });

  it('refuses to continue the answers of another run', async () => {
    const log = path.join(dir, 'other.answers.jsonl');
    writeFileSync(log, `${JSON.stringify({ run: { model: 'a.gguf' } })}\n`);
    await expect(openAnswerLog(log, { model: 'b.gguf' })).rejects.toMatchObject({ code: 'results-belong-elsewhere' });
  });
});
