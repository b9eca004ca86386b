/**
 * The smoke test's steps, in order, for the served studio and the packaged desktop app alike:
 * the page steps are the end-to-end helpers' (test/e2e/writer-steps.ts); only where the shell
 * itself is the subject (a native dialog, the window's icon, the processes it leaves) do the
 * two differ, and each step says how. A step throws to fail, with every problem it found.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { testPicture } from '../fixtures/png';
import {
  addReferencePicture,
  closeFileDialog,
  composeArticle,
  errorNotices,
  exportArticle,
  fileDialog,
  grewInSteps,
  loadDemoModel,
  loadedArticlePictures,
  openFileDialog,
  saveProject,
  waitForFirstRunSetup,
} from '../e2e/writer-steps';
import { cancelNativeDialog } from './cancel-native-dialog';
import type { LaunchedApp } from './launched-app';
import { listProcesses, processTree, waitForExit, type ProcessEntry } from './process-tree';
import { checkPolicy, pageReach, policyProblems, reachProblems } from './shell-boundary';
import { windowIconProblems } from './window-icon';

interface SmokeContext {
  app: LaunchedApp;
  /** A folder of the script's own, for the picture it adds and the files it exports. */
  workDir: string;
  platform: NodeJS.Platform;
  /** A screenshot named after the step. */
  shot(name: string): Promise<void>;
  /** Writes a file beside the screenshots. */
  keep(name: string, content: string): void;
}

export interface SmokeStep {
  name: string;
  /** What the step found, for the report; throws when something is wrong. */
  run(context: SmokeContext): Promise<Record<string, unknown>>;
}

const TITLE = 'Harbour smoke';
const OUTLINE = `# ${TITLE}\n## The boats\n## The nets`;

/** Throws one error naming every problem, when there are any. */
function expectNone(problems: string[]): void {
  if (problems.length > 0) throw new Error(problems.join('; '));
}

/** Polls `condition` until it returns [] (no problems) or `timeoutMs` passes; throws with the last problems. */
async function eventually(condition: () => string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let problems = condition();
  while (problems.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    problems = condition();
  }
  expectNone(problems);
}

const isModelHost = (entry: ProcessEntry): boolean =>
  /host-main/.test(entry.command) || /--utility-sub-type=node\.mojom\.NodeService/.test(entry.command);
const isLlamaServer = (entry: ProcessEntry): boolean => /^llama-server(\.exe)?$/.test(entry.name);

export const SMOKE_STEPS: SmokeStep[] = [
  {
    name: 'first run opens on model setup',
    async run({ app, shot }) {
      await waitForFirstRunSetup(app.page);
      await shot('first-run');
      return {};
    },
  },
  {
    name: 'the page reaches the Studio API and nothing of Node or Electron',
    async run({ app }) {
      const reach = await pageReach(app.page);
      expectNone(reachProblems(reach, app.shell));
      return { studioKeys: reach.studioKeys.length };
    },
  },
  {
    name: 'the page comes with its content security policy, and it is enforced',
    async run({ app }) {
      const check = await checkPolicy(app.page);
      expectNone(policyProblems(check, app.shell));
      return { ...check };
    },
  },
  {
    name: "the window carries the app's icon",
    async run({ app, platform }) {
      expectNone(await windowIconProblems(app, platform));
      return {};
    },
  },
  {
    name: 'the demo model loads',
    async run({ app, shot }) {
      const status = await loadDemoModel(app.page);
      await shot('demo-model-loaded');
      return { status };
    },
  },
  {
    name: 'a file dialog cancelled changes nothing',
    async run({ app, shot, platform }) {
      const { page } = app;
      await openFileDialog(page);
      const field = fileDialog(page).getByRole('textbox', { name: 'Export to', exact: true });
      const before = await field.inputValue();
      await fileDialog(page).getByRole('button', { name: 'Browse… for “Export to”' }).click();
      if (app.shell === 'electron') {
        await cancelNativeDialog('Export the article', { pid: app.pid, platform });
      } else {
        const picker = page.getByRole('dialog', { name: 'Export the article to' });
        await picker.waitFor({ timeout: 30_000 });
        await shot('file-dialog-open');
        await page.keyboard.press('Escape');
        await picker.waitFor({ state: 'hidden', timeout: 30_000 });
      }
      // The answer to a cancelled dialog is nothing: give a wrong one time to land.
      await page.waitForTimeout(1000);
      const problems: string[] = [];
      if ((await field.inputValue()) !== before) problems.push(`the export path changed to ${await field.inputValue()}`);
      if (!(await fileDialog(page).isVisible())) problems.push('the File dialog closed with it');
      problems.push(...(await errorNotices(page)).map((notice) => `an error was shown: ${notice}`));
      await shot('file-dialog-cancelled');
      await closeFileDialog(page);
      expectNone(problems);
      return { exportPath: before };
    },
  },
  {
    name: 'a compose streams an article with a figure',
    async run({ app, workDir, shot }) {
      const picture = path.join(workDir, 'harbour.png');
      writeFileSync(picture, testPicture(3, 256));
      await addReferencePicture(app.page, picture);
      const outcome = await composeArticle(app.page, OUTLINE, 1, () => shot('composing'));
      await shot('composed');
      const figures = await loadedArticlePictures(app.page);
      const problems: string[] = [];
      if (!grewInSteps(outcome.lengthsWhileComposing))
        problems.push(`the article did not grow while composing (lengths ${outcome.lengthsWhileComposing.slice(0, 20).join(', ')})`);
      if (!outcome.text.includes(TITLE)) problems.push(`the article lacks its heading: ${outcome.text.slice(0, 200)}`);
      if (figures.length < 1) problems.push('no figure with a picture that loaded');
      problems.push(...(await errorNotices(app.page)).map((notice) => `an error was shown: ${notice}`));
      expectNone(problems);
      return { updates: outcome.lengthsWhileComposing.length, characters: outcome.text.length, figures: figures.length };
    },
  },
  {
    name: 'Save writes the project',
    async run({ app }) {
      const asked = Date.now();
      await saveProject(app.page);
      // The first save names the first-run project after the article's heading: the title bar knows where it went.
      const project = (await app.page.getByTestId('project-title').getAttribute('title')) ?? '';
      const document = path.join(project, 'document.json');
      await eventually(() => {
        if (!existsSync(document)) return [`${document} was not written`];
        if (statSync(document).mtimeMs < asked - 2000) return [`${document} was not written again`];
        const saved = readFileSync(document, 'utf8');
        const assets = existsSync(path.join(project, 'assets')) ? readdirSync(path.join(project, 'assets')) : [];
        const pictures = [...new Set(saved.match(/\b[0-9a-f]{64}\b/g) ?? [])];
        return [
          ...(saved.includes(TITLE) ? [] : ['the saved article lacks its heading']),
          ...(pictures.length > 0 ? [] : ['the saved article names no picture']),
          ...pictures.filter((id) => !assets.some((file) => file.startsWith(id))).map((id) => `picture ${id} is not in assets/`),
        ];
      }, 30_000);
      return { project, bytes: statSync(document).size };
    },
  },
  {
    name: 'Export writes a PDF',
    async run({ app, workDir }) {
      const file = path.join(workDir, `${TITLE}.pdf`);
      const notice = await exportArticle(app.page, 'PDF', file);
      const bytes = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
      const problems: string[] = [];
      if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') problems.push(`${file} is not a PDF (${bytes.length} bytes)`);
      if (!bytes.subarray(-1024).toString('latin1').includes('%%EOF')) problems.push(`${file} ends before its %%EOF`);
      const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      if (text.status === 0 && !text.stdout.includes(TITLE))
        problems.push(`the PDF's text lacks the heading: ${text.stdout.slice(0, 200)}`);
      expectNone(problems);
      return { notice, bytes: bytes.length, textChecked: text.status === 0 };
    },
  },
  {
    name: 'the app quits and leaves no process behind (model host and llama-server included)',
    async run({ app, keep, platform }) {
      const tree = processTree(app.pid, listProcesses(platform));
      keep('processes.json', JSON.stringify(tree, null, 2));
      const problems: string[] = [];
      if (!tree.some(isModelHost)) problems.push('no model host process ran under the app');
      if (!tree.some(isLlamaServer)) problems.push('no llama-server ran under the app');
      await app.quit();
      const left = await waitForExit(tree, 20_000, platform);
      for (const entry of left) {
        problems.push(`still running after the app quit: ${entry.name} (${entry.pid})`);
        try {
          process.kill(entry.pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
      expectNone(problems);
      return { processes: tree.map((entry) => entry.name) };
    },
  },
];
