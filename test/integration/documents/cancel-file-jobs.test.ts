/**
 * Open, New, Save As and Import can be stopped (issue 12, item 5: every file job is cancellable and
 * bounded): a stopped job answers at once with `cancelled`, the open project stays, and a Save As,
 * New or Import that was stopped leaves no half-made project folder behind once its writes settle.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withinTime } from '../../../electron/studio/documents/within-time';
import { ProjectWorkspace } from '../../../electron/studio/service/project-workspace';
import { SettingsStore } from '../../../electron/studio/service/studio-settings';
import { emptyDocument } from '../../../electron/studio/documents/article-document';

async function workspace(): Promise<{ dir: string; workspace: ProjectWorkspace }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-cancel-'));
  const opened = new ProjectWorkspace(dir, await SettingsStore.open(dir));
  await opened.open();
  return { dir, workspace: opened };
}

/**
 * Whether `folder` is absent once the stopped job has settled: its own writes have had time to
 * land (1.5 s), then up to 30 s more for it to end (an import reads its Markdown on a worker that
 * may still be starting on a loaded machine) and remove what it made.
 */
async function goneAfterSettling(folder: string): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  for (const deadline = Date.now() + 30_000; existsSync(folder) && Date.now() < deadline;)
    await new Promise((resolve) => setTimeout(resolve, 250));
  return !existsSync(folder);
}

describe('stopping a file job', () => {
  it('answers at once when stopped, even while the file system does not answer', async () => {
    const controller = new AbortController();
    const stuck = new Promise<never>(() => undefined);
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    await expect(withinTime(stuck, 'Opening the project', 60_000, controller.signal)).rejects.toMatchObject({
      code: 'cancelled',
      message: 'Opening the project was stopped.',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('keeps the open project and leaves no folder behind when Save As is stopped', async () => {
    const { dir, workspace: studio } = await workspace();
    const before = (await studio.open()).project.dir;
    const target = path.join(dir, 'elsewhere', 'Stopped.folio');
    await expect(studio.saveAs(emptyDocument(), target, AbortSignal.abort())).rejects.toMatchObject({ code: 'cancelled' });
    expect(await goneAfterSettling(target)).toBe(true);
    expect((await studio.open()).project.dir).toBe(before);
  });

  it('leaves no folder behind when New is stopped', async () => {
    const { dir, workspace: studio } = await workspace();
    await expect(studio.create(path.join(dir, 'projects'), 'Never made', AbortSignal.abort())).rejects.toMatchObject({ code: 'cancelled' });
    expect(await goneAfterSettling(path.join(dir, 'projects', 'Never made.folio'))).toBe(true);
  });

  it('keeps the open project and leaves no folder behind when Import is stopped', async () => {
    const { dir, workspace: studio } = await workspace();
    const before = (await studio.open()).project.dir;
    const article = path.join(dir, 'Stopped.md');
    writeFileSync(article, '# Stopped\n\nNever **imported**.\n');
    await expect(studio.importArticle(path.join(dir, 'projects'), article, AbortSignal.abort())).rejects.toMatchObject({
      code: 'cancelled',
    });
    expect(await goneAfterSettling(path.join(dir, 'projects', 'Stopped.folio'))).toBe(true);
    expect((await studio.open()).project.dir).toBe(before);
  });
});
