import { readFileSync, readdirSync } from 'node:fs';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const WORKFLOWS_DIR = new URL('../../../.github/workflows/', import.meta.url);
const WORKFLOW = readFileSync(new URL('release.yml', WORKFLOWS_DIR), 'utf8');
const SCRIPTS = Object.keys(
  (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts,
);
/** Electron Forge's own requirement, as its package states it (">= 22.13.0"). */
const FORGE_ENGINES = (
  JSON.parse(readFileSync(new URL('../../../node_modules/@electron-forge/cli/package.json', import.meta.url), 'utf8')) as {
    engines: { node: string };
  }
).engines.node;

interface WorkflowStep {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  jobs: Record<string, { steps: WorkflowStep[] }>;
}

const numbers = (version: string): number[] => (/(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version)?.slice(1) ?? []).filter(Boolean).map(Number);

/**
 * Whether actions/setup-node given `spec` ("22", "22.x", "22.13", "22.13.1") installs a Node at
 * or above `minimum`: it takes the newest release the spec allows, so a spec that names only a
 * major (or major.minor) line is judged by that line.
 */
function setupNodeMeets(spec: string, minimum: string): boolean {
  const asked = numbers(spec);
  const least = numbers(minimum);
  if (asked.length === 0) return false;
  for (let i = 0; i < asked.length; i++) {
    const a = asked[i] ?? 0;
    const b = least[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/** Each job's setup-node version, for the jobs that run Electron Forge. */
function forgeJobsNode(source: string): Array<[job: string, nodeVersion: string]> {
  const workflow = parse(source) as Workflow;
  return Object.entries(workflow.jobs)
    .filter(([, job]) => job.steps.some((step) => /npm run (make|package)\b|electron-forge/.test(step.run ?? '')))
    .map(([name, job]) => [
      name,
      String(job.steps.find((step) => step.uses?.startsWith('actions/setup-node'))?.with?.['node-version'] ?? ''),
    ]);
}

describe('the release workflow', () => {
  it('passes the GitHub Actions workflow schema check (action-validator), every workflow file', () => {
    const files = readdirSync(WORKFLOWS_DIR).filter((file) => /\.ya?ml$/.test(file));
    expect(files).toContain('release.yml');
    for (const file of files) expect(validateWorkflow(readFileSync(new URL(file, WORKFLOWS_DIR), 'utf8')).errors, file).toEqual([]);
  });

  it('the schema check finds a job without a runner, a step of two kinds and a misspelt step key', () => {
    for (const broken of [
      WORKFLOW.replace('runs-on: ubuntu-22.04', 'run-on: ubuntu-22.04'),
      WORKFLOW.replace('- run: npm run make', '- run: npm run make\n        uses: actions/checkout@v4'),
      WORKFLOW.replace('      - run: npm run make', '      - rn: npm run make'),
    ]) {
      expect(broken).not.toBe(WORKFLOW);
      expect(validateWorkflow(broken).errors).not.toEqual([]);
    }
  });

  it('sets up a Node that Electron Forge accepts wherever it runs Forge', () => {
    const jobs = forgeJobsNode(WORKFLOW);
    expect(jobs.map(([job]) => job)).toEqual(['package']);
    for (const [job, nodeVersion] of jobs) expect(setupNodeMeets(nodeVersion, FORGE_ENGINES), `${job}: node ${nodeVersion}`).toBe(true);
    // What the release workflow had: Node 20 under Forge 8.
    expect(
      forgeJobsNode(WORKFLOW.replace(/node-version: 22\b/, 'node-version: 20')).every(([, v]) => setupNodeMeets(v, FORGE_ENGINES)),
    ).toBe(false);
  });

  it('judges setup-node versions by the newest release they allow', () => {
    expect(FORGE_ENGINES).toMatch(/22\.13/);
    for (const spec of ['22', '22.x', '22.13', '22.13.0', '24', '23.1']) expect(setupNodeMeets(spec, '>= 22.13.0'), spec).toBe(true);
    for (const spec of ['20', '20.x', '22.12', '22.12.9', 'lts/*']) expect(setupNodeMeets(spec, '>= 22.13.0'), spec).toBe(false);
  });

  it('packages for Linux x64, Windows x64 and macOS arm64 runners', () => {
    expect(WORKFLOW).toMatch(/name: linux-x64, runner: ubuntu-/);
    expect(WORKFLOW).toMatch(/name: windows-x64, runner: windows-/);
    // GitHub's macos-14 and later runners are Apple silicon.
    expect(WORKFLOW).toMatch(/name: macos-arm64, runner: macos-1[4-9]/);
  });

  it('runs only npm scripts that exist, and tests and files that exist', () => {
    const scripts = [...WORKFLOW.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]);
    expect(scripts.length).toBeGreaterThan(3);
    for (const script of scripts) expect(SCRIPTS).toContain(script);
    for (const [, file] of WORKFLOW.matchAll(/(?:vitest run|run-ts\.js) (\S+)/g))
      expect(() => readFileSync(new URL(`../../../${file}`, import.meta.url))).not.toThrow();
  });

  it('starts what it packaged: the smoke script on the packaged app after make, its artifacts kept even when it fails', () => {
    const steps = (parse(WORKFLOW) as Workflow).jobs.package?.steps ?? [];
    const index = (test: (step: WorkflowStep) => boolean) => steps.findIndex(test);
    const make = index((step) => step.run === 'npm run make');
    const smoke = steps.filter((step) => /test\/smoke\/smoke-app\.ts --app out\b/.test(step.run ?? ''));
    expect(make).toBeGreaterThan(-1);
    expect(smoke.length).toBe(2); // under Xvfb on Linux, directly elsewhere
    expect(smoke.map((step) => steps.indexOf(step)).every((at) => at > make)).toBe(true);
    expect(smoke.find((step) => step.run?.startsWith('xvfb-run'))).toBeDefined();
    const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact') && step.with?.path === 'smoke/');
    expect((upload as { if?: string } | undefined)?.if).toBe('always()');
  });

  it('builds the fallback from source and runs the contract suite on it', () => {
    expect(WORKFLOW).toContain('npm run build:llama-server -- --from-source');
    expect(WORKFLOW).toMatch(/FOLIO_LLAMA_SERVER_BIN=[\s\S]*engine-llama-server\.test\.ts/);
  });
});
