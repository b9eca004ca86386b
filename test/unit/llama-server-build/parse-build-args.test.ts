import { describe, expect, it } from 'vitest';
import { parseBuildArgs } from '../../../native-models/engines/llama-server/compile/parse-build-args';

describe('parseBuildArgs', () => {
  it('defaults to an auto-detected native build', () => {
    expect(parseBuildArgs([])).toEqual({
      backend: 'auto',
      distributable: false,
      cache: undefined,
      force: false,
      fromSource: false,
      verbose: false,
      help: false,
    });
  });

  it('reads every option', () => {
    expect(parseBuildArgs(['--backend', 'cuda', '--distributable', '--cache', '/c', '--force', '--from-source', '--verbose'])).toEqual({
      backend: 'cuda',
      distributable: true,
      cache: '/c',
      force: true,
      fromSource: true,
      verbose: true,
      help: false,
    });
  });

  it('rejects an unknown backend or option with exit code 2', () => {
    expect(() => parseBuildArgs(['--backend', 'rocm'])).toThrow(
      expect.objectContaining({ exitCode: 2, message: expect.stringContaining('rocm') }),
    );
    expect(() => parseBuildArgs(['--fast'])).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringContaining('usage:') }));
  });
});
