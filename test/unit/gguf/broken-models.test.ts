import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelError, type ModelErrorCode } from '../../../native-models/errors';
import { readGgufHeader } from '../../../native-models/gguf/gguf-reader';
import { validateModelPair } from '../../../native-models/gguf/validate-model';
import { absurdStringHeader } from '../../fixtures/broken-files';
import { ensureFixtures } from '../../fixtures/generate';
import { FIXTURES, MISSING_MODEL_NAME, fixturePath } from '../../fixtures/tiny-models';

let dir: string;
let scratch: string;
beforeAll(async () => {
  dir = (await ensureFixtures()).dir;
  scratch = await mkdtemp(path.join(os.tmpdir(), 'folio-broken-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function errorOf(run: () => Promise<unknown>): Promise<ModelError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return error as ModelError;
  }
  throw new Error('expected a ModelError, but the call succeeded');
}

const cases: Array<{ file: string; code: ModelErrorCode; message: RegExp }> = [
  { file: FIXTURES.empty, code: 'file-empty', message: /^The model file is empty \(0 bytes\): empty\.gguf/ },
  { file: FIXTURES.notGguf, code: 'not-gguf', message: /^This file is not a GGUF model: not-gguf\.gguf \(it looks like a web page/ },
  {
    file: FIXTURES.truncatedHeader,
    code: 'file-truncated',
    message: /^The model file is incomplete \(it ends too early\): truncated-header\.gguf/,
  },
  { file: FIXTURES.tensorPastEnd, code: 'file-truncated', message: /incomplete.*tensor-past-end\.gguf.*download it again/ },
  { file: FIXTURES.absurdCounts, code: 'file-corrupt', message: /^The model file is damaged and cannot be used: absurd-counts\.gguf/ },
  {
    file: FIXTURES.wrongArchitecture,
    code: 'unknown-architecture',
    message: /^Folio cannot run models of the "folio-unknown" architecture: wrong-architecture\.gguf/,
  },
  { file: MISSING_MODEL_NAME, code: 'file-missing', message: /^The model file could not be found: does-not-exist\.gguf$/ },
];

describe('broken model files', () => {
  it.each(cases)('$file fails validation as $code with a message naming the file', async ({ file, code, message }) => {
    const error = await errorOf(() => validateModelPair({ decoder: fixturePath(file, dir) }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    // Developers get the specifics; writers never see offsets or paths in the message.
    expect(error.detail).toBeTruthy();
    expect(error.message).not.toContain(dir);
  });

  it('reports where the truncated data ends', async () => {
    const error = await errorOf(() => validateModelPair({ decoder: fixturePath(FIXTURES.tensorPastEnd, dir) }));
    expect(error.detail).toMatch(/tensor \S+ \(F32 \[[\d, ]+\]\) ends at data offset \d+, but the file holds \d+ bytes/);
  });

  it('reads the header of the truncated-data file fine: only the tensor check catches it', async () => {
    const header = await readGgufHeader(fixturePath(FIXTURES.tensorPastEnd, dir));
    expect(header.tensors.length).toBe(21);
  });

  it('refuses a 2^50-byte string length without allocating it', async () => {
    const file = path.join(scratch, 'absurd-string.gguf');
    await writeFile(file, absurdStringHeader());
    const error = await errorOf(() => readGgufHeader(file));
    expect(error.code).toBe('file-corrupt');
    expect(error.detail).toMatch(/string of 1125899906842624 bytes/);
  });

  it('names the GGUF version it cannot read', async () => {
    const file = path.join(scratch, 'version-1.gguf');
    const bytes = Buffer.alloc(32);
    bytes.write('GGUF', 0, 'latin1');
    bytes.writeUInt32LE(1, 4);
    await writeFile(file, bytes);
    const error = await errorOf(() => readGgufHeader(file));
    expect(error.code).toBe('unsupported-gguf-version');
    expect(error.message).toMatch(/GGUF version 1 .*version-1\.gguf/);
  });

  it('says a folder is not a model file', async () => {
    const error = await errorOf(() => validateModelPair({ decoder: scratch }));
    expect(error.code).toBe('file-unreadable');
    expect(error.message).toMatch(/folder, not a model file/);
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('says a file without read permission cannot be opened', async () => {
    const file = path.join(scratch, 'locked.gguf');
    await writeFile(file, 'GGUF');
    await chmod(file, 0o000);
    const error = await errorOf(() => validateModelPair({ decoder: file }));
    expect(error.code).toBe('file-unreadable');
  });

  it('checks a missing projector before anything else touches it', async () => {
    const error = await errorOf(() =>
      validateModelPair({ decoder: fixturePath(FIXTURES.tinyDecoder, dir), projector: path.join(scratch, MISSING_MODEL_NAME) }),
    );
    expect(error.code).toBe('file-missing');
  });
});
