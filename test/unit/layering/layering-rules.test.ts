/**
 * The layering rules of .dependency-cruiser.cjs (run by `npm run lint`): each rule is shown a
 * small sample tree that crosses it, in a temp folder, and must report it; a sample that keeps
 * to the arrows must pass. The samples mirror the real folders, so a rule whose path pattern
 * drifts from the tree fails here.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const depcruise = join(root, 'node_modules/.bin/depcruise');
const config = join(root, '.dependency-cruiser.cjs');
const folderConfig = join(root, '.dependency-cruiser-folders.cjs');

let folders: string[] = [];
afterEach(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders = [];
});

/** Writes the sample files and returns the rule names dependency-cruiser reports on them. */
function violationsIn(files: Record<string, string>, rules = config): string[] {
  const folder = mkdtempSync(join(tmpdir(), 'folio-layering-'));
  folders.push(folder);
  writeFileSync(
    join(folder, 'tsconfig.base.json'),
    JSON.stringify({
      compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', allowImportingTsExtensions: true, noEmit: true, jsx: 'react-jsx' },
    }),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  const roots = [...new Set(Object.keys(files).map((path) => path.split('/')[0]!))];
  const run = spawnSync(depcruise, [...roots, '--config', rules, '--output-type', 'json'], { cwd: folder, encoding: 'utf8' });
  if (!run.stdout) throw new Error(`depcruise gave no report: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string } }[] } };
  return report.summary.violations.map((violation) => violation.rule.name).sort();
}

const leaf = 'export const value = 1;\n';

describe('layering rules (npm run lint)', () => {
  it('passes a tree that keeps to the arrows', () => {
    expect(
      violationsIn({
        'electron/app/main.ts': "import { value } from '../studio/service';\nexport const app = value;\n",
        'electron/studio/service.ts':
          "import { value } from '../../native-models/engine';\nimport type { Api } from '../contract/api';\nexport const service: Api = { value };\nexport { value };\n",
        'electron/contract/api.ts': 'export interface Api { value: number }\n',
        'electron/server/serve.ts': "import { value } from '../studio/service';\nexport const served = value;\n",
        'electron/cli/cli.ts': "import { value } from '../studio/service';\nexport const run = value;\n",
        'native-models/engine.ts': leaf,
        'renderer/src/store/store.ts':
          "import type { Api } from '../../../electron/contract/api';\nimport { value } from '../services/service';\nexport const store: Api = { value };\n",
        'renderer/src/services/service.ts': leaf,
        'renderer/src/components/View.tsx': "import { store } from '../store/store';\nexport const View = () => store.value;\n",
        'test/unit/a.test.ts':
          "import { value } from '../../native-models/engine';\nimport { helper } from '../helpers/helper';\nexport const checked = value + helper;\n",
        'test/helpers/helper.ts': 'export const helper = 2;\n',
      }),
    ).toEqual([]);
  });

  it('native-models never imports electron/ or renderer/', () => {
    expect(
      violationsIn({
        'native-models/engine.ts': "import { value } from '../electron/studio/service';\nexport const engine = value;\n",
        'electron/studio/service.ts': leaf,
      }),
    ).toEqual(['native-models-not-up']);
  });

  it('electron/studio never imports electron/app, server or cli', () => {
    expect(
      violationsIn({
        'electron/studio/service.ts':
          "import { value } from '../app/main';\nimport { served } from '../server/serve';\nimport { run } from '../cli/cli';\nexport const service = value + served + run;\n",
        'electron/app/main.ts': leaf,
        'electron/server/serve.ts': 'export const served = 1;\n',
        'electron/cli/cli.ts': 'export const run = 1;\n',
      }),
    ).toEqual(['studio-not-up', 'studio-not-up', 'studio-not-up']);
  });

  it('electron/server and electron/cli never import electron/app nor each other', () => {
    expect(
      violationsIn({
        'electron/server/serve.ts':
          "import { value } from '../app/main';\nimport { run } from '../cli/options';\nexport const served = value + run;\n",
        'electron/cli/options.ts': "import { port } from '../server/port';\nexport const run = port;\n",
        'electron/server/port.ts': 'export const port = 1;\n',
        'electron/app/main.ts': leaf,
      }),
    ).toEqual(['cli-not-server', 'server-and-cli-through-studio', 'server-not-cli']);
  });

  it('the renderer imports neither the studio, native-models nor contract code (types only)', () => {
    expect(
      violationsIn({
        'renderer/src/store/store.ts':
          "import { value } from '../../../electron/studio/service';\nimport { engine } from '../../../native-models/engine';\nimport { limit } from '../../../electron/contract/api';\nexport const store = value + engine + limit;\n",
        'electron/studio/service.ts': leaf,
        'native-models/engine.ts': 'export const engine = 1;\n',
        'electron/contract/api.ts': 'export const limit = 1;\n',
      }),
    ).toEqual(['renderer-contract-type-only', 'renderer-only-contract-types', 'renderer-only-contract-types']);
  });

  it('nothing outside test/ imports test/', () => {
    expect(
      violationsIn({
        'bench/ui/bench.ts': "import { picture } from '../../test/fixtures/images';\nexport const run = picture;\n",
        'native-models/engines/engine.ts': "import { picture } from '../../test/fixtures/images';\nexport const bench = picture;\n",
        'test/fixtures/images.ts': 'export const picture = 1;\n',
      }),
    ).toEqual(['test-only-from-test', 'test-only-from-test']);
  });

  it('electron/contract owns its types: it imports neither the studio nor native-models', () => {
    expect(
      violationsIn({
        'electron/contract/api.ts':
          "import type { Doc } from '../studio/documents/doc';\nimport type { Engine } from '../../native-models/engine';\nexport interface Api { doc: Doc; engine: Engine }\n",
        'electron/studio/documents/doc.ts': 'export interface Doc { text: string }\n',
        'native-models/engine.ts': 'export interface Engine { name: string }\n',
      }),
    ).toEqual(['contract-owns-its-types', 'contract-owns-its-types']);
  });

  it('no runtime import cycle (a type-only import may close a loop)', () => {
    expect(
      violationsIn({
        'renderer/src/store/store.ts': "import { Figure } from '../editor/figure';\nexport const store = { figure: Figure };\n",
        'renderer/src/editor/figure.ts': "import { store } from '../store/store';\nexport const Figure = () => store;\n",
        'renderer/src/editor/typed.ts': "import type { Shape } from './shape';\nexport interface Typed { shape: Shape }\n",
        'renderer/src/editor/shape.ts': "import type { Typed } from './typed';\nexport interface Shape { typed?: Typed }\n",
      }),
    ).toEqual(['no-import-cycles']);
  });

  it('components go through the store: no service and no window API', () => {
    expect(
      violationsIn({
        'renderer/src/components/Panel.tsx':
          "import { pictureService } from '../services/picture-service';\nimport { studio } from '../studio';\nexport const Panel = () => pictureService + studio;\n",
        'renderer/src/services/picture-service.ts': 'export const pictureService = 1;\n',
        'renderer/src/studio.ts': 'export const studio = 1;\n',
        'renderer/src/components/Socket.tsx': "import { socket } from '../studio/websocket-studio';\nexport const Socket = () => socket;\n",
        'renderer/src/studio/websocket-studio.ts': 'export const socket = 1;\n',
      }),
    ).toEqual(['components-through-store', 'components-through-store', 'components-through-store']);
  });

  it("eslint: only electron/app imports 'electron', by any of its entry points", async () => {
    const eslint = new ESLint({ cwd: root });
    const sample =
      "import { app } from 'electron/main';\nimport { ipcRenderer } from 'electron';\nexport const used = [app, ipcRenderer];\n";
    const rulesIn = async (filePath: string) =>
      (await eslint.lintText(sample, { filePath: join(root, filePath) }))[0]!.messages.map((message) => message.ruleId);
    expect(await rulesIn('electron/studio/sample.ts')).toEqual(['no-restricted-imports', 'no-restricted-imports']);
    expect(await rulesIn('native-models/sample.ts')).toEqual(['no-restricted-imports', 'no-restricted-imports']);
    expect(await rulesIn('electron/app/sample.ts')).toEqual([]);
  });

  it('no runtime import cycle between folders (a folder loop closed by `import type` is allowed)', () => {
    expect(
      violationsIn(
        {
          'native-models/catalog/state.ts': "import { download } from '../download/download';\nexport const state = download;\n",
          'native-models/download/download.ts': "import { entry } from '../catalog/entry';\nexport const download = entry;\n",
          'native-models/catalog/entry.ts': 'export const entry = 1;\n',
          'native-models/prompts/prompt.ts':
            "import type { Image } from '../engines/engine';\nexport const prompt = (image: Image) => image;\n",
          'native-models/engines/engine.ts':
            "import { prompt } from '../prompts/prompt';\nexport interface Image { bytes: number }\nexport const engine = prompt;\n",
        },
        folderConfig,
      ),
    ).toEqual(['no-folder-cycles', 'no-folder-cycles']);
  });
});
