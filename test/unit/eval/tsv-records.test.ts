import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecordAt, readTsvRecords } from '../../../electron/studio/eval/tsv-records';

const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-tsv-'));

async function records(text: string | Buffer, name = 'file.tsv') {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  const all = [];
  for await (const record of readTsvRecords(file)) all.push(record);
  return { file, all };
}

describe('readTsvRecords', () => {
  it('reads fields as Python csv (what pandas to_csv with sep=\\t uses) quotes them', async () => {
    // Written by Python 3's csv.writer(delimiter='\t', lineterminator='\n'), the module pandas uses.
    const { all } = await records('index\tquestion\n1\t"Tab\there ""q"""\n2\t"Line\nbreak"\n3\t\n');
    expect(all.map((record) => record.fields)).toEqual([
      ['index', 'question'],
      ['1', 'Tab\there "q"'],
      ['2', 'Line\nbreak'],
      ['3', ''],
    ]);
  });

  it('takes Windows line ends and a last line without a line break', async () => {
    const { all } = await records('a\tb\r\n1\t2\r\n3\t4');
    expect(all.map((record) => record.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('gives byte offsets that read the same record again, past multi-byte text and chunk borders', async () => {
    const long = 'x'.repeat(3 * (1 << 20)); // longer than a read chunk
    const text = `index\tq\n1\t"héllo ✓\tworld"\n2\t${long}\n3\t"ünïcode ""end"""\n`;
    const { file, all } = await records(text, 'offsets.tsv');
    expect(all).toHaveLength(4);
    for (const record of all) expect(await readRecordAt(file, record.offset)).toEqual(record.fields);
    expect(all[2]?.fields[1]).toHaveLength(long.length);
  });

  it('refuses a quoted field that never closes', async () => {
    await expect(records('a\tb\n1\t"open\n')).rejects.toThrow(/never closed/);
  });
});
