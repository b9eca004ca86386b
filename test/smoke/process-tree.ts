/**
 * The processes an app started, and whether any of them outlived it. The tree is read while the
 * app runs (a child whose parent died is adopted by another process and leaves the tree, so it
 * cannot be found afterwards by ancestry); afterwards each process is looked for again by its id
 * and name, so an id the system has since given to another program does not count.
 */
import { execFileSync } from 'node:child_process';

export interface ProcessEntry {
  pid: number;
  ppid: number;
  /** The program's file name, e.g. "llama-server" or "folio.exe". */
  name: string;
  /** The whole command line, where the system tells it. */
  command: string;
}

export function listProcesses(platform: NodeJS.Platform = process.platform): ProcessEntry[] {
  if (platform === 'win32') {
    const json = execFileSync(
      'powershell',
      [
        '-NoProfile',
        '-Command',
        'Get-CimInstance Win32_Process | Select-Object ProcessId,ParentProcessId,Name,CommandLine | ConvertTo-Json -Compress',
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const rows = JSON.parse(json) as Array<{ ProcessId: number; ParentProcessId: number; Name: string; CommandLine: string | null }>;
    return rows.map((row) => ({ pid: row.ProcessId, ppid: row.ParentProcessId, name: row.Name, command: row.CommandLine ?? row.Name }));
  }
  // comm is the program's name (cut to 15 characters on Linux), args the command line.
  const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,args='], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return parsePsOutput(out);
}

/** `ps -A -o pid=,ppid=,args=` lines to entries; the name is the program path's last part. */
export function parsePsOutput(out: string): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const line of out.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const command = match[3] ?? '';
    const program = command.split(/\s+/)[0] ?? '';
    entries.push({ pid: Number(match[1]), ppid: Number(match[2]), name: program.split('/').pop() ?? program, command });
  }
  return entries;
}

/** The process and everything it started, directly or not, as the table shows them now. */
export function processTree(rootPid: number, table: ProcessEntry[]): ProcessEntry[] {
  const children = new Map<number, ProcessEntry[]>();
  for (const entry of table) children.set(entry.ppid, [...(children.get(entry.ppid) ?? []), entry]);
  const tree: ProcessEntry[] = [];
  const pending = table.filter((entry) => entry.pid === rootPid);
  const seen = new Set<number>();
  while (pending.length > 0) {
    const entry = pending.shift() as ProcessEntry;
    if (seen.has(entry.pid)) continue;
    seen.add(entry.pid);
    tree.push(entry);
    pending.push(...(children.get(entry.pid) ?? []).filter((child) => child.pid !== entry.pid));
  }
  return tree;
}

/** Those of `before` still running now: the same id under the same name. */
export function survivors(before: ProcessEntry[], now: ProcessEntry[]): ProcessEntry[] {
  const running = new Map(now.map((entry) => [entry.pid, entry.name]));
  return before.filter((entry) => running.get(entry.pid) === entry.name);
}

/** Waits until none of `processes` runs, or `timeoutMs` passes; returns those still running then. */
export async function waitForExit(
  processes: ProcessEntry[],
  timeoutMs: number,
  platform: NodeJS.Platform = process.platform,
): Promise<ProcessEntry[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = survivors(processes, listProcesses(platform));
    if (left.length === 0 || Date.now() >= deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
