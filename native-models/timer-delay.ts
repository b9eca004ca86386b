/**
 * A delay every timer can honour. Node runs a setTimeout longer than 2^31 - 1 ms (about 24.8
 * days) after 1 ms instead, with a warning: a time limit computed from input (a 43-million-
 * character prompt makes one) would fire at once. Longer limits are cut to the longest, NaN
 * (a limit nobody could compute) waits the longest too, and a negative one is no wait.
 */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export function timerDelay(ms: number): number {
  if (Number.isNaN(ms)) return LONGEST_TIMER_MS;
  return Math.min(LONGEST_TIMER_MS, Math.max(0, ms));
}
