/** The app under smoke test, however it was started: the served studio in Chromium, or the packaged desktop app. */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Page } from 'playwright-core';

export interface LaunchedApp {
  shell: 'browser' | 'electron';
  page: Page;
  /** The app's own process: the server's Node, or Electron's main process. */
  pid: number;
  /** Its fresh data folder (the server's --data-dir, Electron's --user-data-dir). */
  dataDir: string;
  /** The packaged executable (Electron only). */
  executable?: string;
  screenshot(name: string): Promise<string>;
  /** What the page threw so far. */
  problems: string[];
  /** Everything the app printed. */
  log(): string;
  /** Quits the way a writer would; resolves once the app's own process has exited. */
  quit(): Promise<void>;
  /** Closes the connection and kills whatever is left; safe after a failure. */
  dispose(): Promise<void>;
}

/** A child process with its output kept, and a way to wait for a line of it. */
export interface WatchedProcess {
  child: ChildProcess;
  output(): string;
  /** The first match of `pattern` in the output, waiting up to `timeoutMs`; fails when the process exits first. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

export function startWatched(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): WatchedProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  const waiters = new Set<() => void>();
  const take = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    for (const waiter of waiters) waiter();
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
      for (const waiter of waiters) waiter();
    });
    child.once('error', (error) => {
      output += `\n${error.message}\n`;
      resolve(null);
    });
  });
  return {
    child,
    output: () => output,
    exited,
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(output);
          if (match) finish(() => resolve(match));
          else if (child.exitCode !== null || child.signalCode !== null)
            finish(() => reject(new Error(`${command} exited before printing ${pattern}:\n${output.slice(-4000)}`)));
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`${command} printed no ${pattern} in ${timeoutMs / 1000} s:\n${output.slice(-4000)}`))),
          timeoutMs,
        );
        const finish = (outcome: () => void): void => {
          clearTimeout(timer);
          waiters.delete(check);
          outcome();
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Resolves true when the process exits within `timeoutMs`, false otherwise. */
export function exitsWithin(watched: WatchedProcess, timeoutMs: number): Promise<boolean> {
  return Promise.race([
    watched.exited.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
  ]);
}
