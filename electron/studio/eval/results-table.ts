/** A run as a Markdown table: overall and per category, beside the paper's number when there is one. */
import type { EvalResults } from './eval-results';
import type { Score } from './score-run';

export const percent = (value: number | null): string => (value === null ? '–' : `${(value * 100).toFixed(1)}`);
const interval = (score: Score): string => (score.scored === 0 ? '–' : `${percent(score.interval95[0])}–${percent(score.interval95[1])}`);

export function resultsTable(results: EvalResults): string {
  const { score, benchmark, paper } = results;
  const lines = [
    `## ${benchmark.name}${benchmark.circular ? ' (circular)' : ''}: ${results.model.name}`,
    '',
    `| | items | right | accuracy % | 95% interval |${paper ? ' paper % |' : ''}`,
    `|---|---:|---:|---:|---|${paper ? '---:|' : ''}`,
    row('Overall', score.overall, paper ? ` ${paper.percent} |` : ''),
    ...score.categories.map((category) => row(category.name, category, paper ? ' |' : '')),
  ];
  if (score.l2Categories.length > 0)
    lines.push(
      '',
      '| l2-category | items | right | accuracy % | 95% interval |',
      '|---|---:|---:|---:|---|',
      ...score.l2Categories.map((category) => row(category.name, category, '')),
    );
  const skipped = Object.entries(score.skippedItems).map(([reason, count]) => `${count} ${reason}`);
  lines.push(
    '',
    `Questions: ${score.questions.planned} planned, ${score.questions.asked} asked, ${score.questions.answered} answered${
      Object.keys(score.questions.skipped).length > 0
        ? `, skipped: ${Object.entries(score.questions.skipped)
            .map(([reason, count]) => `${count} ${reason}`)
            .join(', ')}`
        : ''
    }.`,
    `Items: ${score.overall.items} (${score.outcomes.right} right, ${score.outcomes.wrong} wrong${skipped.length > 0 ? `, skipped: ${skipped.join(', ')}` : ''}${score.outcomes.pending > 0 ? `, ${score.outcomes.pending} not yet asked` : ''}).`,
  );
  if (benchmark.sample !== undefined || benchmark.limit !== undefined)
    lines.push(
      `A ${benchmark.sample !== undefined ? `random sample (seed ${benchmark.seed ?? 0})` : 'first part'} of the benchmark: the interval says how far the full score may lie.`,
    );
  if (results.timing.questionsPerSecond !== null) {
    // Items per second at this pace, for estimating a whole benchmark (circular items hold several questions).
    const perItem = score.questions.planned / Math.max(1, score.overall.items);
    lines.push(
      `Pace: ${results.timing.questionsPerSecond.toFixed(2)} questions per second (${(results.timing.questionsPerSecond / perItem).toFixed(3)} items per second).`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function row(name: string, score: Score, tail: string): string {
  return `| ${name.replace(/\|/g, '\\|')} | ${score.scored} | ${score.right} | ${percent(score.accuracy)} | ${interval(score)} |${tail}`;
}
