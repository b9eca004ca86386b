import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkElectronSecurity, evaluatePolicy, isFailing } from '../../../scripts/check-electron-security';

describe('the Electron security check', () => {
  it('fails on a window with Node in the page and no isolation', async () => {
    const sample = mkdtempSync(path.join(os.tmpdir(), 'folio-insecure-'));
    mkdirSync(path.join(sample, 'app'));
    writeFileSync(
      path.join(sample, 'app', 'main.ts'),
      "import { BrowserWindow } from 'electron';\nexport const window = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n",
    );
    const report = await checkElectronSecurity(['app'], sample);
    expect(report.failed).toBe(true);
    const ids = report.findings.filter(isFailing).map((finding) => finding.id);
    expect(ids).toEqual(expect.arrayContaining(['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']));
  }, 60_000);

  it('fails on Node integration even in an otherwise hardened window', async () => {
    const sample = mkdtempSync(path.join(os.tmpdir(), 'folio-node-'));
    writeFileSync(
      path.join(sample, 'window.ts'),
      "import { BrowserWindow } from 'electron';\nexport const window = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: true, disableBlinkFeatures: 'Auxclick' } });\n",
    );
    const report = await checkElectronSecurity(['window.ts'], sample);
    expect(report.findings.filter(isFailing).map((finding) => finding.id)).toContain('NODE_INTEGRATION_JS_CHECK');
    expect(report.failed).toBe(true);
  }, 60_000);

  it('fails when a file cannot be parsed, since it went unchecked', async () => {
    const sample = mkdtempSync(path.join(os.tmpdir(), 'folio-unparsable-'));
    writeFileSync(path.join(sample, 'broken.ts'), 'export const = ;\n');
    const report = await checkElectronSecurity(['broken.ts'], sample);
    expect(report.unparsed.map((error) => error.file)).toEqual(['broken.ts']);
    expect(report.failed).toBe(true);
  }, 60_000);

  it('fails a content security policy that lets scripts run inline', () => {
    const findings = evaluatePolicy("default-src 'self'; script-src 'self' 'unsafe-inline'", 'sample');
    expect(findings.some((finding) => finding.severity === 'HIGH')).toBe(true);
  });

  it('passes the app as it is', async () => {
    const report = await checkElectronSecurity();
    expect(report.findings.filter(isFailing)).toEqual([]);
    expect(report.unparsed).toEqual([]);
    expect(report.failed).toBe(false);
  }, 60_000);
});
