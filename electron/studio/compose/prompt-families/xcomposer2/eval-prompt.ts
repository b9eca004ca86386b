/**
 * A benchmark question as VLMEvalKit asks XComposer2 (open-compass/VLMEvalKit
 * vlmeval/vlm/xcomposer/xcomposer2.py, `build_mcqa` and `generate_multichoice`): a user turn of
 * "Question: … / Context: {hint or N/A} / Options: A. … B. …", the answer pre-started with
 * "The answer is", read as the first capital letter written. Without options it asks for "a
 * single word or phrase". VLMEvalKit decodes with 5 beams; Folio decodes greedily and holds the
 * answer to an option letter (a space before it allowed) by a grammar.
 */
import type { ChatPrompt } from '../../../../../native-models/prompts/chat-format';
import type { EvalQuestion } from '../prompt-family';

const ANSWER_PREFIX = 'The answer is';

/** The prompt text after the picture, markers included (the picture comes first, before it). */
export function benchmarkText(question: EvalQuestion): { text: string; chat: ChatPrompt } {
  if (question.options.length === 0) {
    const ask = `Answer the question using a single word or phrase.${question.question}`;
    return { text: `[UNUSED_TOKEN_146]user\n${ask}[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n`, chat: userChat(question, ask) };
  }
  const options = question.options
    .map((option) => `${option.letter}. ${option.text} `)
    .join('')
    .trim();
  const ask = `Question: ${question.question}\nContext: ${question.hint ?? 'N/A'}\nOptions: ${options}`;
  return {
    text: `[UNUSED_TOKEN_146]user\n${ask}[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n${ANSWER_PREFIX}`,
    chat: { ...userChat(question, ask), answerPrefix: ANSWER_PREFIX },
  };
}

/** VLMEvalKit's reading: the first capital letter in the answer, if it names an option. */
export function firstCapital(answer: string, letters: readonly string[]): string {
  const letter = /[A-Z]/.exec(answer)?.[0] ?? '';
  return letters.includes(letter) ? letter : '';
}

function userChat(question: EvalQuestion, ask: string): ChatPrompt {
  return { turns: [{ role: 'user', content: question.picture ? [question.picture, ask] : ask }] };
}
