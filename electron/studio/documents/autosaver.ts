/**
 * When to autosave. Edits mark the article dirty and it is saved `intervalMs` after the first
 * unsaved edit (not after the last: steady typing still saves every few seconds); a finished
 * model step calls `flush()` to save at once. Saves never overlap: an edit during a save is
 * saved by the next one. A failed save leaves the article dirty and is tried again.
 */
export interface AutosaverOptions {
  /** Writes the current state, typically `() => autosaveProject(dir, currentState())`. */
  save: () => Promise<void>;
  /**
   * How long after the first unsaved edit the autosave runs.
   * @default 3000
   */
  intervalMs?: number;
  /** Told about each failed save (the article stays dirty and is retried). */
  onError?: (error: unknown) => void;
}

export interface Autosaver {
  /** Something changed; save within `intervalMs`. */
  markDirty(): void;
  /** Save now if anything is unsaved (after a model step, before closing); rejects when that save fails. */
  flush(): Promise<void>;
  /** Flushes, then stops: later edits are not saved. */
  dispose(): Promise<void>;
  readonly dirty: boolean;
}

export function createAutosaver({ save, intervalMs = 3000, onError }: AutosaverOptions): Autosaver {
  let dirty = false;
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;

  const cancelTimer = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  const schedule = (): void => {
    if (timer || disposed) return;
    timer = setTimeout(() => {
      timer = null;
      // Reported through onError; the article stays dirty and a retry is scheduled.
      saveNow().catch(() => undefined);
    }, intervalMs);
    // An autosave timer alone should not keep a command-line process alive.
    timer.unref?.();
  };

  const runOnce = async (): Promise<void> => {
    dirty = false;
    try {
      await save();
    } catch (error) {
      dirty = true;
      onError?.(error);
      schedule();
      throw error;
    }
  };

  const saveNow = async (): Promise<void> => {
    // Wait for the save in progress, then save again if anything changed meanwhile.
    while (running) await running.catch(() => undefined);
    if (!dirty) return;
    cancelTimer();
    running = runOnce().finally(() => {
      running = null;
    });
    await running;
  };

  return {
    markDirty() {
      if (disposed) return;
      dirty = true;
      schedule();
    },
    flush: saveNow,
    async dispose() {
      cancelTimer();
      try {
        await saveNow();
      } finally {
        disposed = true;
        cancelTimer();
      }
    },
    get dirty() {
      return dirty;
    },
  };
}
