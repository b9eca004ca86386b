/**
 * Speed and time left over the last few seconds, so a stall shows at once and a burst does
 * not promise a finish that will not come. Bytes resumed from disk do not count as speed.
 */
export interface TransferRate {
  bytesPerSecond: number;
  /** Undefined until there is a speed to divide by. */
  secondsLeft?: number;
}

export class TransferMeter {
  private readonly samples: Array<{ at: number; bytes: number }> = [];
  constructor(
    private readonly windowMs = 5000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Records the bytes fetched so far (this session) and returns the current rate. */
  sample(fetchedBytes: number, remainingBytes: number | undefined): TransferRate {
    const at = this.now();
    this.samples.push({ at, bytes: fetchedBytes });
    while (this.samples.length > 2 && at - (this.samples[1] as { at: number }).at >= this.windowMs) this.samples.shift();
    const first = this.samples[0] as { at: number; bytes: number };
    const seconds = (at - first.at) / 1000;
    const bytesPerSecond = seconds > 0 ? (fetchedBytes - first.bytes) / seconds : 0;
    const secondsLeft = bytesPerSecond > 0 && remainingBytes !== undefined ? remainingBytes / bytesPerSecond : undefined;
    return { bytesPerSecond, ...(secondsLeft === undefined ? {} : { secondsLeft }) };
  }
}
