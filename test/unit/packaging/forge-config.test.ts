import { describe, expect, it } from 'vitest';
import { LLAMA_SERVER_RESOURCE, NATIVE_PACKAGES, packagerConfig } from '../../../forge.config';

describe('forge configuration', () => {
  it('unpacks every native binding from the asar', () => {
    const { asar } = packagerConfig(false);
    for (const name of NATIVE_PACKAGES) expect(asar.unpack).toContain(name);
  });

  it('carries the prebuilt llama-server when the release build made it, and nothing otherwise', () => {
    expect(packagerConfig(true).extraResource).toEqual([LLAMA_SERVER_RESOURCE]);
    expect(packagerConfig(false).extraResource).toEqual([]);
  });
});
