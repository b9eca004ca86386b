/**
 * The wall time of each compose step, from the progress the steps report and the model calls
 * they make: a step's time runs from the end of the one before (its prompt being built, its
 * pictures read) to the end of its last model call; the library search runs from its progress
 * event to the next call. Consecutive calls of one step are one row.
 */
import type { ComposeProgress } from '../../electron/studio/compose/compose-types';
import type { CallContext, CallHooks } from './model-call-ledger';

export interface TimedStep extends CallContext {
  wallMs: number;
}

export class StepTimeline implements CallHooks {
  readonly steps: TimedStep[] = [];
  private mark = performance.now();
  private current: CallContext = { step: 'start', figure: null };
  private search: { figure: number | null; since: number } | null = null;

  progress(progress: ComposeProgress): void {
    this.current = { step: progress.step, figure: progress.slot ?? null };
    if (progress.step === 'retrieve') this.search = { figure: progress.slot ?? null, since: this.mark };
  }

  starting(): void {
    this.closeSearch();
  }

  finished(): CallContext {
    this.add(this.current, performance.now() - this.mark);
    this.mark = performance.now();
    return this.current;
  }

  /** At the end of the compose: a search with no call after it (no candidate found). */
  close(): TimedStep[] {
    this.closeSearch();
    return this.steps;
  }

  private closeSearch(): void {
    if (!this.search) return;
    this.add({ step: 'retrieve', figure: this.search.figure }, performance.now() - this.search.since);
    this.mark = performance.now();
    this.search = null;
  }

  private add(context: CallContext, wallMs: number): void {
    const last = this.steps.at(-1);
    if (last && last.step === context.step && last.figure === context.figure) last.wallMs += wallMs;
    else this.steps.push({ ...context, wallMs });
  }
}
