/**
 * Processes an engine starts (llama-server). The engine reports them here; the host forwards
 * the reports to the client, which kills any still running when the host goes: an Electron
 * utilityProcess cannot lead a process group the way the forked host does, and a server that
 * outlives its host would hold the model in memory for nobody. Kept beside the engines so an
 * engine never imports the host that imports it.
 */
type ChildListener = (pid: number, running: boolean) => void;

let listener: ChildListener | null = null;

/** The host forwards reports to the client (set once by serveModelHost). */
export function watchChildProcesses(report: ChildListener | null): void {
  listener = report;
}

export function reportChildProcess(pid: number | undefined, running: boolean): void {
  if (pid) listener?.(pid, running);
}

/** The client side: SIGKILL whatever the departed host left running. */
export function killLeftoverProcesses(pids: Iterable<number>): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
