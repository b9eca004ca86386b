import type { BenchmarkOption } from './benchmark-row';

/**
 * The options moved `rotation` places (the option texts shift, the letters stay), and the
 * letter the right answer then has. Rotation 0 is the row as written.
 */
export function rotateOptions(
  options: readonly BenchmarkOption[],
  answer: string,
  rotation: number,
): { options: BenchmarkOption[]; answer: string } {
  const count = options.length;
  const shift = ((rotation % count) + count) % count;
  const rotated = options.map((option, position) => ({
    letter: option.letter,
    text: (options[(position + shift) % count] as BenchmarkOption).text,
  }));
  const from = options.findIndex((option) => option.letter === answer);
  const to = (from - shift + count) % count;
  return { options: rotated, answer: (options[to] as BenchmarkOption).letter };
}
