/**
 * How many llama.cpp threads a model gets, from the cores other programs leave free.
 *
 * llama.cpp's threads meet at a spinning barrier after every operation (hundreds per token): when
 * one of them waits for a core taken by another program, the others spin until it comes back.
 * On the 2-core test machine with two busy programs, 2 threads decoded about 1 token/s and 1
 * thread several times more (docs/ARCHITECTURE.md, "Engine facts"). So threads go only to cores
 * that are free when the model loads, one of them left to the app itself, never more than the
 * physical cores (a second hardware thread on the same core adds no memory bandwidth) or 8.
 */

/** What the processor looked like over a short window just before the model loads. */
export interface CpuPicture {
  /** Logical processors (hardware threads). */
  logicalCores: number;
  /** Physical cores; the logical count where the platform does not say. */
  physicalCores: number;
  /** Cores' worth of time all programs used during the window, 0 to logicalCores. */
  busyCores: number;
}

export interface ThreadPlan {
  threads: number;
  /** Why this many, in a sentence for `folio models verify` and the log. */
  reason: string;
}

/** Past this, more threads stop making decoding faster (memory bandwidth is spent). */
export const MOST_USEFUL_THREADS = 8;

export function planThreads(cpu: CpuPicture, requested?: number): ThreadPlan {
  if (requested !== undefined && Number.isInteger(requested) && requested > 0) {
    return { threads: requested, reason: `${requested} thread${requested === 1 ? '' : 's'}, as asked` };
  }
  const logical = Math.max(1, Math.floor(cpu.logicalCores));
  const busy = Math.min(logical, Math.max(0, cpu.busyCores));
  // A core at least half free counts as free; one stays for the app (its window, the host, the server's HTTP thread).
  const free = Math.round(logical - busy);
  const ceiling = Math.max(1, Math.min(cpu.physicalCores, MOST_USEFUL_THREADS, logical - 1));
  const threads = Math.max(1, Math.min(free - 1, ceiling));
  const load = `${busy.toFixed(1)} of ${logical} cores busy`;
  const count = `${threads} thread${threads === 1 ? '' : 's'}`;
  if (free - 1 < ceiling)
    return { threads, reason: `${count}: ${load} with other programs (a thread that waits for a core stalls the others)` };
  return { threads, reason: `${count}: ${load}; ${ceilingReason(logical, cpu.physicalCores, ceiling)}` };
}

function ceilingReason(logical: number, physical: number, ceiling: number): string {
  if (ceiling === 1 && logical <= 2) return 'one core left to the app';
  if (ceiling === MOST_USEFUL_THREADS) return `at most ${MOST_USEFUL_THREADS} (more stop helping)`;
  if (ceiling === physical && physical < logical - 1) return `one per physical core (${physical})`;
  return 'all cores but one, left to the app';
}
