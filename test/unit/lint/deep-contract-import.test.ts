/**
 * eslint.config.js (run by `npm run lint`): the Studio API contract is imported by its alias
 * (`@contract/…`, tsconfig.base.json's paths), never by a relative path that climbs three or more
 * folders. A file that does is reported, in the renderer and elsewhere; the alias passes.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

/** The restricted-import messages ESLint gives a file of this text at this path. */
async function restrictedImports(filePath: string, text: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(text, { filePath: resolve(root, filePath) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('npm run lint: deep relative imports of the contract', () => {
  it('fails on one in the renderer', async () => {
    const text = "import type { StudioApi } from '../../../../electron/contract/studio-api';\nexport type Api = StudioApi;\n";
    expect(await restrictedImports('renderer/src/components/common/Sample.ts', text)).toEqual([expect.stringContaining('@contract/')]);
  });

  it('fails on one in a test', async () => {
    const text = "import { EXPORT_FORMATS } from '../../../electron/contract/export-formats';\nexport const formats = EXPORT_FORMATS;\n";
    expect(await restrictedImports('test/unit/export/sample.test.ts', text)).toEqual([expect.stringContaining('@contract/')]);
  });

  it('passes the alias and a near relative import', async () => {
    expect(
      await restrictedImports(
        'renderer/src/components/common/Sample.ts',
        "import type { StudioApi } from '@contract/studio-api';\nexport type Api = StudioApi;\n",
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        'electron/studio/service/sample.ts',
        "import type { StudioApi } from '../../contract/studio-api';\nexport type Api = StudioApi;\n",
      ),
    ).toEqual([]);
  });

  it('still holds the renderer to type-only imports of the contract through the alias', async () => {
    const text = "import { studioSchemas } from '@contract/studio-schemas';\nexport const schemas = studioSchemas;\n";
    expect(await restrictedImports('renderer/src/components/common/Sample.ts', text)).toEqual([expect.stringContaining('import type')]);
  });
});
