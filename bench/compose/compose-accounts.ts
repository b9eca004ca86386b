/**
 * Sums of a composition's model calls per step, per figure and in all, and the work a run
 * needs at least: each distinct picture encoded once, and no prompt position evaluated that
 * an earlier call already evaluated as the same prefix (an ideal cache keeping every earlier
 * prompt and answer). The measured totals against the minimal ones show what is computed twice.
 */
import type { ModelCall } from './model-call-ledger';

export interface WorkCounts {
  calls: number;
  /** Prompt positions evaluated, split into text and picture tokens. */
  evaluated: number;
  evaluatedText: number;
  evaluatedPicture: number;
  cached: number;
  generated: number;
  pictures: number;
  picturesEncoded: number;
}

export interface StepAccount extends WorkCounts {
  step: string;
  figure: number | null;
  /** From the step's start to the next step's start (library search included). */
  wallMs: number;
}

export function emptyCounts(): WorkCounts {
  return { calls: 0, evaluated: 0, evaluatedText: 0, evaluatedPicture: 0, cached: 0, generated: 0, pictures: 0, picturesEncoded: 0 };
}

function callCounts(call: ModelCall): WorkCounts {
  const evaluatedPicture = call.picturesDecoded * call.tokensPerPicture;
  return {
    calls: 1,
    evaluated: call.evaluated,
    evaluatedText: call.evaluated - evaluatedPicture,
    evaluatedPicture,
    cached: call.cached,
    generated: call.generated,
    pictures: call.pictures,
    picturesEncoded: call.picturesEncoded,
  };
}

/** Adds the counts of `add` (only the counts: a step's name and time stay) into `into`. */
export function addCounts<T extends WorkCounts>(into: T, add: WorkCounts): T {
  for (const key of Object.keys(emptyCounts()) as Array<keyof WorkCounts>) into[key] += add[key];
  return into;
}

/** Calls grouped under the steps they were made in, in order; `steps` gives each step's wall time. */
export function stepAccounts(steps: Array<{ step: string; figure: number | null; wallMs: number }>, calls: ModelCall[]): StepAccount[] {
  const accounts = steps.map((step) => ({ ...step, ...emptyCounts() }));
  for (const call of calls) {
    const account = [...accounts].reverse().find((entry) => entry.step === call.step && entry.figure === call.figure);
    if (!account) throw new Error(`a model call in step ${call.step} that the progress never announced`);
    addCounts(account, callCounts(call));
  }
  return accounts;
}

/**
 * The least work the same prompts need: a call reuses the longest prefix it shares with any
 * earlier call's prompt and answer (at least one position is always evaluated, as llama.cpp
 * does), and a picture is encoded the first time it is shown only. One entry per call.
 */
export function minimalPerCall(calls: ModelCall[]): WorkCounts[] {
  const perCall: WorkCounts[] = [];
  const seenPictures = new Set<number>();
  for (const [index, call] of calls.entries()) {
    const prompt = call.sequence.slice(0, call.promptLength);
    let reused = 0;
    for (const earlier of calls.slice(0, index)) reused = Math.max(reused, sharedPrefix(prompt, earlier.sequence));
    reused = Math.min(reused, prompt.length - 1);
    reused -= picturePartReused(prompt, reused, Math.round(call.tokensPerPicture));
    const evaluatedPicture = prompt.slice(reused).filter((id) => id < 0).length;
    let encoded = 0;
    for (const id of new Set(prompt.filter((entry) => entry < 0)))
      if (!seenPictures.has(id)) {
        seenPictures.add(id);
        encoded++;
      }
    perCall.push({
      calls: 1,
      evaluated: prompt.length - reused,
      evaluatedText: prompt.length - reused - evaluatedPicture,
      evaluatedPicture,
      cached: reused,
      generated: call.generated,
      pictures: call.pictures,
      picturesEncoded: encoded,
    });
  }
  return perCall;
}

/**
 * Positions of a picture that a shared prefix of length `reused` cuts: llama.cpp reuses only
 * whole pictures, so these are evaluated again. The same picture twice in a row is one run of
 * its id; whole pictures in it are `perPicture` positions each.
 */
function picturePartReused(prompt: readonly number[], reused: number, perPicture: number): number {
  const id = prompt[reused - 1];
  if (reused === 0 || id === undefined || id >= 0 || prompt[reused] !== id || perPicture <= 0) return 0;
  let runStart = reused - 1;
  while (runStart > 0 && prompt[runStart - 1] === id) runStart--;
  return (reused - runStart) % perPicture;
}

function sharedPrefix(a: readonly number[], b: readonly number[]): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}
