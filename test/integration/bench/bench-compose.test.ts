/**
 * `npm run bench:compose -- --quick` as a writer's machine runs it: a whole composition on the
 * tiny models through llama-server (outline, an 8-picture library indexed by the tiny CLIP, 2
 * figures). Checks the report's shape and that its counts are the engine's and add up: each
 * answer's evaluated + cached positions against the engine's own tokenizer, the steps against
 * the totals, and the totals against llama-server's own log tally. Timings are printed, never
 * checked.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findLlamaServerBinary } from '../../../native-models/engines/llama-server/compile/llama-server-binary';

const built = await findLlamaServerBinary();
const COUNTS = ['calls', 'evaluated', 'evaluatedText', 'evaluatedPicture', 'cached', 'generated', 'pictures', 'picturesEncoded'] as const;
type Counts = Record<(typeof COUNTS)[number], number>;
interface Call extends Counts {
  step: string;
  figure: number | null;
  textPositions: number;
  tokensPerPicture: number;
}
interface Report {
  steps: Array<Counts & { step: string; figure: number | null; wallMs: number }>;
  perFigure: Array<Counts & { figure: number; wallMs: number }>;
  total: Counts & { wallMs: number };
  minimal: Counts;
  engineLog: { answers: number; evaluated: number; generated: number };
  calls: Array<
    Omit<Call, keyof Counts> & { evaluated: number; cached: number; generated: number; pictures: number; picturesEncoded: number }
  >;
  figures: number;
}

const sum = (rows: Counts[], key: keyof Counts): number => rows.reduce((total, row) => total + row[key], 0);

describe.skipIf(!built)('npm run bench:compose -- --quick', () => {
  let report: Report;
  let stdout: string;
  beforeAll(() => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'folio-bench-compose-test-')), 'report.json');
    const run = spawnSync(process.execPath, ['bin/run-ts.js', 'bench/compose/bench-compose.ts', '--quick', '--json', out], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(run.status, run.stderr).toBe(0);
    stdout = run.stdout;
    report = JSON.parse(readFileSync(out, 'utf8')) as Report;
  }, 250_000);

  it('prints every step, each figure, the totals and the minimal run, and the engine log agreeing', () => {
    for (const label of ['write', 'place', 'title', 'retrieve', 'choose', 'caption', 'figure total', 'TOTAL', 'minimal'])
      expect(stdout).toContain(`'${label}'`);
    for (const column of ['text eval', 'picture eval', 'cached', 'generated', 'encoded', 'ideal cached', 'ideal encoded'])
      expect(stdout).toContain(column);
    expect(stdout).toContain('the same as the answers said');
    expect(stdout).toMatch(/load average before [\d.]+ [\d.]+ [\d.]+/);
    const order = report.steps.map((step) => `${step.step}${step.figure ?? ''}`);
    expect(order.slice(0, 2)).toEqual(['write', 'place']);
    for (let figure = 1; figure <= report.figures; figure++)
      expect(order).toEqual(expect.arrayContaining([`title${figure}`, `retrieve${figure}`, `choose${figure}`, `caption${figure}`]));
  });

  it("each answer's counts are the engine's: evaluated + cached is the prompt its tokenizer counts", () => {
    const perPicture = new Set(report.calls.filter((call) => call.pictures > 0).map((call) => call.tokensPerPicture));
    // Every picture takes the same whole number of positions (the projector's), whatever the prompt.
    expect(perPicture.size).toBe(1);
    const [positions] = [...perPicture];
    expect(Number.isInteger(positions) && (positions ?? 0) > 0).toBe(true);
    for (const call of report.calls) {
      expect(call.evaluated + call.cached).toBe(call.textPositions + call.pictures * call.tokensPerPicture);
      expect(call.picturesEncoded).toBeLessThanOrEqual(call.pictures);
      expect(call.evaluated).toBeGreaterThan(0);
    }
    // Without pictures nothing is derived: the two counts against the tokenizer's alone.
    for (const call of report.calls.filter((entry) => entry.pictures === 0)) expect(call.evaluated + call.cached).toBe(call.textPositions);
    expect(report.calls.some((call) => call.cached > 0)).toBe(true);
  });

  it('the steps add up to the figures and the totals, and the totals are what llama-server logged', () => {
    for (const key of COUNTS) {
      expect(sum(report.steps, key), key).toBe(report.total[key]);
      expect(sum(report.perFigure, key), key).toBe(
        sum(
          report.steps.filter((step) => step.figure !== null),
          key,
        ),
      );
    }
    for (const step of report.steps) expect(step.evaluatedText + step.evaluatedPicture).toBe(step.evaluated);
    expect(report.total.calls).toBe(report.calls.length);
    expect(report.engineLog).toEqual({ answers: report.total.calls, evaluated: report.total.evaluated, generated: report.total.generated });
  });

  it('the minimal run does the same answers with no more work, each picture encoded once', () => {
    expect(report.minimal.calls).toBe(report.total.calls);
    expect(report.minimal.generated).toBe(report.total.generated);
    expect(report.minimal.pictures).toBe(report.total.pictures);
    expect(report.minimal.evaluated).toBeLessThanOrEqual(report.total.evaluated);
    expect(report.minimal.evaluated + report.minimal.cached).toBe(report.total.evaluated + report.total.cached);
    expect(report.minimal.picturesEncoded).toBeLessThanOrEqual(report.total.picturesEncoded);
    expect(report.minimal.picturesEncoded).toBeGreaterThan(0);
  });
});
