/**
 * llama-server's own tally, read from the timing lines it logs after each answer ("prompt eval
 * time = ... / N tokens", "eval time = ... / N tokens"): a second account of the prompt
 * positions it evaluated and the tokens it generated, kept apart from the answers' counts so
 * the two can be checked against each other.
 */
export interface EngineLogCounts {
  answers: number;
  evaluated: number;
  generated: number;
}

const PROMPT_LINE = /\bprompt eval time =\s*[\d.]+ ms \/\s*(\d+) tokens/;
const EVAL_LINE = /(?<!prompt) eval time =\s*[\d.]+ ms \/\s*(\d+) tokens/;

export function engineLogCounter(): { read(line: string): void; counts(): EngineLogCounts } {
  const counts: EngineLogCounts = { answers: 0, evaluated: 0, generated: 0 };
  return {
    read(line) {
      const prompt = PROMPT_LINE.exec(line);
      if (prompt) {
        counts.answers++;
        counts.evaluated += Number(prompt[1]);
        return;
      }
      const evaluation = EVAL_LINE.exec(line);
      if (evaluation) counts.generated += Number(evaluation[1]);
    },
    counts: () => ({ ...counts }),
  };
}
