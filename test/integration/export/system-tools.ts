import { spawnSync } from 'node:child_process';
import { findChromium } from '../../../electron/studio/export/find-chromium';

/**
 * The real consumers the export tests open files with: LibreOffice, Chromium, poppler's
 * pdftotext. .ci/run installs them; on a machine without them those tests are skipped, except
 * under CI, where a missing tool fails the run instead of passing it silently.
 */
export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

export const CHROMIUM = findChromium();
export const HAS_SOFFICE = hasCommand('soffice');
export const HAS_PDFTOTEXT = hasCommand('pdftotext');

export function requireInCi(available: boolean, what: string): boolean {
  if (!available && process.env.CI) throw new Error(`${what} is needed for this test in CI; .ci/run installs it.`);
  return available;
}
