import { spawn, type ChildProcess } from 'node:child_process';

/** Busy processes beside the benchmark, as a writer's browser and editor would be. */
export interface CompetingLoad {
  processes: number;
  pids: number[];
  stop(): void;
}

/**
 * Starts `processes` child processes that each spin one core at normal priority until stopped
 * (and die with this process: they watch their parent's pid). 0 starts none.
 */
export function startCompetingLoad(processes: number): CompetingLoad {
  const children: ChildProcess[] = [];
  // Spins, and every 200 ms checks that the benchmark is still there, so none outlives it.
  const spin = `for (;;) { const until = Date.now() + 200; while (Date.now() < until); try { process.kill(${process.pid}, 0); } catch { process.exit(0); } }`;
  for (let index = 0; index < processes; index++) children.push(spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }));
  return {
    processes,
    pids: children.map((child) => child.pid ?? 0),
    stop() {
      for (const child of children) child.kill('SIGKILL');
    },
  };
}
