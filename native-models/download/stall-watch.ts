import { timerDelay } from '../timer-delay';

/** Aborts a request that delivers nothing for `timeoutMs`. */
export class StallWatch {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout;
  fired = false;
  constructor(private readonly timeoutMs: number) {
    this.timer = this.arm();
  }
  get signal(): AbortSignal {
    return this.controller.signal;
  }
  touch(): void {
    clearTimeout(this.timer);
    this.timer = this.arm();
  }
  stop(): void {
    clearTimeout(this.timer);
  }
  private arm(): NodeJS.Timeout {
    return setTimeout(() => {
      this.fired = true;
      this.controller.abort(new Error('stalled'));
    }, timerDelay(this.timeoutMs));
  }
}
