import { describe, expect, it } from 'vitest';
import { missingBuildTools } from '../../../native-models/engines/llama-server/compile/missing-build-tools';
import { BASIC_TOOLS, fakeProbe } from './fake-probe';

describe('missingBuildTools', () => {
  it('is satisfied by cmake, git, a C++ compiler and make', () => {
    expect(missingBuildTools(fakeProbe('linux', BASIC_TOOLS))).toBeNull();
  });

  it('names every missing tool and the Debian packages, on one line', () => {
    const message = missingBuildTools(fakeProbe('linux', ['make']));
    expect(message).toBe(
      'Building llama-server needs cmake, git, a C++ compiler, not found on PATH. Install: apt-get install cmake git g++',
    );
  });

  it('asks only for what is missing', () => {
    expect(missingBuildTools(fakeProbe('linux', ['git', 'c++', 'make']))).toMatch(/needs cmake, .*apt-get install cmake$/);
  });

  it('points macOS to the command line tools and Homebrew', () => {
    expect(missingBuildTools(fakeProbe('darwin', ['make', 'git', 'c++']))).toMatch(/Install: brew install cmake$/);
    expect(missingBuildTools(fakeProbe('darwin', []))).toMatch(/xcode-select --install && brew install cmake$/);
  });

  it('does not ask for make on Windows', () => {
    expect(missingBuildTools(fakeProbe('win32', ['cmake', 'git', 'c++']))).toBeNull();
  });
});
