import { UsageError } from './usage-error';

/** How many single-character edits turn `a` into `b`, a swap of neighbours counting as one ("modle" is one from "model"). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = best;
    }
  return at(a.length, b.length);
}

/**
 * parseArgs's complaint as the CLI's one line: an unknown option is named, with the closest
 * known one when a typo is likely ("--modle": did you mean --model?), instead of Node's advice
 * about positionals and '--'. Other complaints keep parseArgs's own words.
 */
export function usageErrorFromParseArgs(error: unknown, known: readonly string[]): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string } | null)?.code;
  const unknown = /^Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
  if (code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || !unknown) return new UsageError(message);
  const typed = unknown.replace(/^-+/, '').split('=')[0] ?? '';
  const closest = known
    .map((name) => ({ name, distance: editDistance(typed, name) }))
    .filter(({ name, distance }) => distance <= Math.max(1, Math.floor(name.length / 3)) || name.startsWith(typed))
    .sort((a, b) => a.distance - b.distance)[0];
  const hint = closest ? ` Did you mean --${closest.name}?` : '';
  return new UsageError(`unknown option ${unknown}.${hint} Run "folio --help" for the options.`);
}
