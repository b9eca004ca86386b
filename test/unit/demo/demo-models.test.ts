import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLocalModel } from '../../../native-models/catalog/local-model';
import { ensureDemoModels } from '../../../native-models/demo/demo-models';
import { TINY_DECODER, TINY_PROJECTOR } from '../../helpers/fixture-paths';

describe('the demo model', () => {
  it('is written on demand, once, as the same bytes the tests load, and passes validation', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'folio-demo-')), 'demo-model');
    const paths = await ensureDemoModels(dir);
    expect(readFileSync(paths.decoder).equals(readFileSync(TINY_DECODER))).toBe(true);
    expect(readFileSync(paths.projector).equals(readFileSync(TINY_PROJECTOR))).toBe(true);
    const written = statSync(paths.decoder).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await ensureDemoModels(dir)).toEqual(paths);
    expect(statSync(paths.decoder).mtimeMs).toBe(written);
    expect(await checkLocalModel(paths)).toMatchObject({ ok: true, model: { seesImages: true } });
  });

  it('replaces a demo model an older release wrote, and leaves a current one alone', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'folio-demo-')), 'demo-model');
    const paths = await ensureDemoModels(dir);
    writeFileSync(paths.decoder, Buffer.concat([readFileSync(paths.decoder).subarray(0, 1024), Buffer.from('older release')]));
    await ensureDemoModels(dir);
    expect(readFileSync(paths.decoder).equals(readFileSync(TINY_DECODER))).toBe(true);
  });
});
