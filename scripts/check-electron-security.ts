/**
 * npm run check:electron: Doyensec's electronegativity over the Electron side (electron/ and
 * forge.config.ts). It reports its findings but always exits 0, so this script fails the run
 * (exit 1) on any HIGH or MEDIUM finding, on Node integration in a page at any severity, and on
 * any file it could not parse (an unparsed file is an unchecked one). Other LOW and
 * informational findings are printed as notes.
 *
 * Run through its programmatic API on a copy of the inputs in one temporary folder, so its
 * global checks (a CSP set anywhere, navigation limited anywhere) see the whole app at once.
 * Offline on purpose: electronegativity fetches translations and Electron's release list from
 * the internet; here every such request gets "no content" and it uses the strings it ships.
 * The one check that needs that release list (AvailableSecurityFixesGlobalCheck: "is a newer
 * Electron out?") is left off; Electron's version is pinned in package.json and updated there.
 *
 * Its CSP check reads a policy only when it is a string literal inside the header callback; ours
 * is a constant shared with the app: protocol, so it reports "failed to parse" (LOW). The shipped
 * policy is therefore also put through the evaluator electronegativity uses (Google's CSP
 * Evaluator, Doyensec's build), and its HIGH, MEDIUM or syntax findings fail the check too.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../electron/app/content-security-policy';

const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_INPUTS = ['electron', 'forge.config.ts'];
const EXCLUDED_CHECKS = ['availablesecurityfixesglobalcheck'];
const FAILING = new Set(['HIGH', 'MEDIUM']);
/** Node in a page fails the check at any severity (electronegativity rates `nodeIntegration: true` informational). */
const FAILING_CHECKS = new Set(['NODE_INTEGRATION_JS_CHECK', 'NODE_INTEGRATION_HTML_CHECK']);

interface Level {
  name: string;
  value: number;
}

interface RawIssue {
  file: string;
  location: { line: number; column: number };
  id: string;
  description: string;
  severity: Level;
  confidence: Level;
  manualReview: boolean;
}

type Run = (
  options: Record<string, unknown>,
  forCli: boolean,
) => Promise<{ issues: RawIssue[]; errors: Array<{ file: string; message: string; tolerable: boolean }> }>;

export interface SecurityFinding {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  column: number;
  description: string;
  manualReview: boolean;
}

export function isFailing(finding: SecurityFinding): boolean {
  return FAILING.has(finding.severity) || FAILING_CHECKS.has(finding.id);
}

export interface SecurityReport {
  findings: SecurityFinding[];
  /** Files electronegativity could not parse: they were not checked at all. */
  unparsed: Array<{ file: string; message: string }>;
  failed: boolean;
}

interface CspEvaluatorModule {
  CspParser: new (policy: string) => { csp: unknown };
  CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): Array<{ severity: number; directive: string; description: string }> };
  Version: { CSP3: unknown };
  severities: Record<string, number>;
}

const requireHere = createRequire(import.meta.url);
const RUNNER = requireHere.resolve('@doyensec/electronegativity');
const requireBesideRunner = createRequire(RUNNER);

function loadElectronegativity(): Run {
  const gotPath = requireBesideRunner.resolve('got');
  const noContent = (): Promise<{ statusCode: number; body: string; headers: Record<string, string> }> =>
    Promise.resolve({ statusCode: 204, body: '', headers: {} });
  requireHere.cache[gotPath] ??= {
    id: gotPath,
    filename: gotPath,
    loaded: true,
    exports: Object.assign(noContent, { head: noContent }),
  } as unknown as NodeJS.Module;
  return requireHere(RUNNER) as Run;
}

/** The shipped policy through the CSP evaluator, as findings in electronegativity's terms. */
export function evaluatePolicy(policy: string, file: string): SecurityFinding[] {
  const csp = requireBesideRunner('@doyensec/csp-evaluator') as CspEvaluatorModule;
  const levels = csp.severities;
  const severityOf = (value: number): string =>
    value === levels.HIGH || value === levels.SYNTAX
      ? 'HIGH'
      : value === levels.MEDIUM
        ? 'MEDIUM'
        : value === levels.INFO
          ? 'INFORMATIONAL'
          : 'LOW';
  return new csp.CspEvaluator(new csp.CspParser(policy).csp, csp.Version.CSP3).evaluate().map((finding) => ({
    id: 'CSP_EVALUATOR',
    severity: severityOf(finding.severity),
    confidence: 'CERTAIN',
    file,
    line: 0,
    column: 0,
    description: `${finding.directive}: ${finding.description}`,
    manualReview: false,
  }));
}

function electronVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(PROJECT_DIR, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  return manifest.devDependencies?.electron ?? '0.1.0';
}

/** Scans `inputs` (files or folders, relative to `baseDir`) together. */
export async function checkElectronSecurity(inputs: string[] = DEFAULT_INPUTS, baseDir = PROJECT_DIR): Promise<SecurityReport> {
  const staging = mkdtempSync(path.join(os.tmpdir(), 'folio-electronegativity-'));
  try {
    for (const input of inputs) {
      const source = path.resolve(baseDir, input);
      cpSync(source, path.join(staging, input), { recursive: statSync(source).isDirectory() });
    }
    const result = await loadElectronegativity()(
      {
        input: staging,
        customScan: [],
        excludeFromScan: EXCLUDED_CHECKS,
        isRelative: true,
        isVerbose: false,
        electronVersionOverride: electronVersion(),
        parserPlugins: [],
      },
      false,
    );
    const scanned: SecurityFinding[] = result.issues.map((issue) => ({
      id: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file,
      line: issue.location.line,
      column: issue.location.column,
      description: issue.description,
      manualReview: issue.manualReview,
    }));
    const findings = [...scanned, ...evaluatePolicy(CONTENT_SECURITY_POLICY, 'electron/app/content-security-policy.ts')];
    const unparsed = result.errors
      .filter((error) => !error.tolerable)
      .map((error) => ({ file: path.relative(staging, error.file), message: error.message }));
    return { findings, unparsed, failed: unparsed.length > 0 || findings.some(isFailing) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export function describeReport(report: SecurityReport): string {
  const lines = report.findings.map(
    (f) => `${isFailing(f) ? 'FAIL' : 'note'}  ${f.severity}/${f.confidence}  ${f.id}  ${f.file}:${f.line}:${f.column}  ${f.description}`,
  );
  for (const error of report.unparsed) lines.push(`FAIL  could not parse ${error.file}: ${error.message}`);
  const counts = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']
    .map((level) => `${report.findings.filter((f) => f.severity === level).length} ${level.toLowerCase()}`)
    .join(', ');
  lines.push(
    `electronegativity: ${counts}${report.unparsed.length ? `, ${report.unparsed.length} unparsed` : ''}; ${report.failed ? 'FAILED' : 'passed'}`,
  );
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const report = await checkElectronSecurity(process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_INPUTS);
  console.log(describeReport(report));
  process.exitCode = report.failed ? 1 : 0;
}
