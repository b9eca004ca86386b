/**
 * Runs the smoke steps one after another on a launched app, each with its own time limit; a step
 * that fails is recorded and the rest still run (the last, quitting, always does), so one run
 * tells everything that is wrong. Screenshots are numbered by step.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LaunchedApp } from './launched-app';
import { SMOKE_STEPS, type SmokeStep } from './smoke-steps';

/** Compose on a busy 2-core machine is the slowest step: about a minute here. */
const STEP_LIMIT_MS = 6 * 60_000;

interface StepResult {
  name: string;
  ok: boolean;
  ms: number;
  details?: Record<string, unknown>;
  error?: string;
}

export interface SmokeReport {
  shell: LaunchedApp['shell'];
  platform: NodeJS.Platform;
  ok: boolean;
  steps: StepResult[];
  /** What the page threw while the steps ran. */
  pageErrors: string[];
}

export async function runSmoke(
  app: LaunchedApp,
  options: { workDir: string; artifacts: string; platform?: NodeJS.Platform; steps?: SmokeStep[]; print?: (line: string) => void },
): Promise<SmokeReport> {
  const platform = options.platform ?? process.platform;
  const print = options.print ?? ((line: string) => console.log(line));
  const steps: StepResult[] = [];
  for (const [index, step] of (options.steps ?? SMOKE_STEPS).entries()) {
    const prefix = String(index + 1).padStart(2, '0');
    const shot = async (name: string) => void (await app.screenshot(`${prefix}-${name}`));
    const started = Date.now();
    try {
      const details = await withinLimit(
        step.run({
          app,
          workDir: options.workDir,
          platform,
          shot,
          keep: (name, content) => writeFileSync(path.join(options.artifacts, name), content),
        }),
        step.name,
      );
      steps.push({ name: step.name, ok: true, ms: Date.now() - started, details });
      print(`ok   ${prefix} ${step.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      steps.push({ name: step.name, ok: false, ms: Date.now() - started, error: message });
      print(`FAIL ${prefix} ${step.name}: ${message}`);
      await shot('failed').catch(() => undefined);
      await closeDialogs(app);
    }
  }
  const pageErrors = [...app.problems];
  return { shell: app.shell, platform, ok: steps.every((step) => step.ok) && pageErrors.length === 0, steps, pageErrors };
}

function withinLimit<T>(work: Promise<T>, name: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: no outcome within ${STEP_LIMIT_MS / 60_000} minutes`)), STEP_LIMIT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** After a failed step, the dialogs it left open are closed (Escape, as a writer would), so the next step starts on the studio. */
async function closeDialogs(app: LaunchedApp): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const open = await app.page
      .getByRole('dialog')
      .count()
      .catch(() => 0);
    if (open === 0) return;
    await app.page.keyboard.press('Escape').catch(() => undefined);
    await app.page.waitForTimeout(300).catch(() => undefined);
  }
}
