/**
 * Runs `folio convert` as a user does, reporting its exit code, output, how long it took and its
 * peak memory (the process's own maximum resident set, from getrusage through python3, which CI
 * has for the checkpoint fixtures), and which of the output's siblings are left behind.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const FOLIO = path.resolve('bin/folio.js');
// The time limit is python's, so a converter that hangs is killed itself, not left running.
const PEAK = [
  'import resource, subprocess, sys',
  'try:',
  '    code = subprocess.run(sys.argv[2:], timeout=float(sys.argv[1])).returncode',
  'except subprocess.TimeoutExpired:',
  '    code = 124',
  "sys.stderr.write('\\npeak-rss-kb %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
  'sys.exit(code if code >= 0 else 128 - code)',
].join('\n');

export interface ConvertRun {
  code: number | null;
  stdout: string;
  /** stderr without progress lines and the measurement. */
  lines: string[];
  peakMegabytes: number;
  seconds: number;
}

export function folioConvert(args: readonly string[], options: { timeoutMs?: number } = {}): ConvertRun {
  const started = performance.now();
  const limitSeconds = (options.timeoutMs ?? 60_000) / 1000;
  const run = spawnSync('python3', ['-c', PEAK, String(limitSeconds), process.execPath, FOLIO, 'convert', ...args], {
    encoding: 'utf8',
    timeout: (limitSeconds + 30) * 1000,
  });
  const peak = /peak-rss-kb (\d+)/.exec(run.stderr)?.[1];
  return {
    code: run.status,
    stdout: run.stdout,
    lines: run.stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('Converting') && !line.startsWith('peak-rss-kb')),
    peakMegabytes: peak ? Number(peak) / 1024 : NaN,
    seconds: (performance.now() - started) / 1000,
  };
}
