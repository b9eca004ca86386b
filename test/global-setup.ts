/**
 * Vitest global setup: makes sure the tiny model fixtures exist (generated in milliseconds,
 * skipped when up to date). The multi-gigabyte benchmark models are never made here.
 */
import { ensureFixtures } from './fixtures/generate';

export default async function setup(): Promise<void> {
  await ensureFixtures('test/fixtures/generated', { checkpoint: true, log: (line) => line.startsWith('warning') && console.warn(line) });
}
