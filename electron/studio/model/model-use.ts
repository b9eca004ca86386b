/**
 * Who is using the model: the writer (a compose, an edit, an ask, a search, the /v1 endpoint,
 * a model load) or only background work (the library's captioner). Background work waits until
 * the writer has left the model alone for a while, and stops the moment the writer starts:
 * `onWriterStarts` listeners abort whatever they have in flight, so the writer's call waits at
 * most for one background call to stop.
 */
export class ModelUse {
  private writers = 0;
  private lastWriterEnd = Number.NEGATIVE_INFINITY;
  private readonly startListeners = new Set<() => void>();
  private readonly endListeners = new Set<() => void>();

  /** The writer starts using the model; call the returned function once done (a second call does nothing). */
  writerStarts(): () => void {
    this.writers++;
    for (const listener of [...this.startListeners]) listener();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.writers--;
      this.lastWriterEnd = performance.now();
      for (const listener of [...this.endListeners]) listener();
    };
  }

  /** Runs `work` as the writer's. */
  async asWriter<T>(work: () => Promise<T>): Promise<T> {
    const end = this.writerStarts();
    try {
      return await work();
    } finally {
      end();
    }
  }

  get writerBusy(): boolean {
    return this.writers > 0;
  }

  /** Called each time the writer starts; returns the unsubscribe. */
  onWriterStarts(listener: () => void): () => void {
    this.startListeners.add(listener);
    return () => this.startListeners.delete(listener);
  }

  /**
   * Resolves true once the writer has left the model alone for `quietMs`, false when `signal`
   * is aborted first (it never rejects).
   */
  async whenQuiet(quietMs: number, signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      const left = this.writers > 0 ? Number.POSITIVE_INFINITY : quietMs - (performance.now() - this.lastWriterEnd);
      if (left <= 0) return true;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.endListeners.delete(done);
          this.startListeners.delete(done);
          signal.removeEventListener('abort', done);
          resolve();
        };
        // A writer that starts or ends moves the quiet period's end: look again then.
        const timer = Number.isFinite(left) ? setTimeout(done, left) : undefined;
        this.endListeners.add(done);
        this.startListeners.add(done);
        signal.addEventListener('abort', done, { once: true });
      });
    }
    return false;
  }
}
