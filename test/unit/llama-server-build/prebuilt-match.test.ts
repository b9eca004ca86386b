import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { llamaServerCacheRoot } from '../../../native-models/engines/llama-server/compile/build-cache';
import { readLlamaCppRelease } from '../../../native-models/engines/llama-server/compile/llama-cpp-release';
import { readMatchEvidence } from '../../../native-models/engines/llama-server/compile/prebuilt-evidence';
import { findPrebuiltLibraries } from '../../../native-models/engines/llama-server/compile/prebuilt-libraries';
import {
  declaredFunctions,
  prebuiltMismatch,
  type MatchEvidence,
} from '../../../native-models/engines/llama-server/compile/prebuilt-match';

const LLAMA_H = `
#    define LLAMA_API __attribute__ ((visibility ("default")))
#    define DEPRECATED(func, hint) func __attribute__((deprecated(hint)))
    // LLAMA_API void llama_commented_out(void);
    /* LLAMA_API void llama_block_comment(void); */
    LLAMA_API struct llama_model_params llama_model_default_params(void);
    LLAMA_API int32_t llama_n_ctx(const struct llama_context * ctx);
    DEPRECATED(LLAMA_API struct llama_model * llama_load_model_from_file(
                             const char * path_model,
              struct llama_model_params   params),
            "use llama_model_load_from_file instead");
    LLAMA_API DEPRECATED(size_t llama_get_state_size(struct llama_context * ctx),
        "use llama_state_get_size instead");
`;
const GGML_H = `
#  define GGML_API __attribute__ ((visibility ("default")))
    GGML_API struct ggml_tensor * ggml_add(struct ggml_context * ctx, struct ggml_tensor * a, struct ggml_tensor * b);
    GGML_API int64_t gguf_get_n_tensors(const struct gguf_context * ctx);
`;

function evidence(change: Partial<MatchEvidence> = {}): MatchEvidence {
  return {
    sourceTag: 'v0.4.0',
    prebuiltRelease: 'v0.4.0',
    nodeLlamaCppVersion: '3.21.1',
    prebuiltVersion: '3.21.1',
    llamaHeader: LLAMA_H,
    llamaExports: [
      'llama_model_default_params',
      'llama_n_ctx',
      'llama_load_model_from_file',
      'llama_get_state_size',
      '_ZN5llama8internalEv',
    ],
    ggmlHeaders: [GGML_H],
    ggmlExports: ['ggml_add', 'gguf_get_n_tensors', 'ggml_log_internal'],
    ...change,
  };
}

describe('declaredFunctions', () => {
  it('reads every LLAMA_API function, deprecated ones too, and nothing from comments or the macro itself', () => {
    expect([...declaredFunctions(LLAMA_H, 'LLAMA_API')].sort()).toEqual([
      'llama_get_state_size',
      'llama_load_model_from_file',
      'llama_model_default_params',
      'llama_n_ctx',
    ]);
    expect([...declaredFunctions(GGML_H, 'GGML_API')].sort()).toEqual(['ggml_add', 'gguf_get_n_tensors']);
  });
});

describe('prebuiltMismatch', () => {
  it('passes when the release, the versions and the function sets agree (C++ and internal exports aside)', () => {
    expect(prebuiltMismatch(evidence())).toBeNull();
  });

  it('fails on another llama.cpp release', () => {
    expect(prebuiltMismatch(evidence({ prebuiltRelease: 'b6100' }))).toMatch(
      /source is llama.cpp v0.4.0 but the prebuilt libraries were built from b6100/,
    );
  });

  it('fails when the prebuilt package is another node-llama-cpp version', () => {
    expect(prebuiltMismatch(evidence({ prebuiltVersion: '3.20.0' }))).toMatch(
      /node-llama-cpp is 3.21.1 but its prebuilt package is 3.20.0/,
    );
  });

  it('fails when libllama lacks a function llama.h declares', () => {
    expect(
      prebuiltMismatch(evidence({ llamaExports: ['llama_model_default_params', 'llama_load_model_from_file', 'llama_get_state_size'] })),
    ).toMatch(/libllama lacks 1 function\(s\) llama.h declares: llama_n_ctx/);
  });

  it('fails when libllama exports a function llama.h does not declare (a newer or older library)', () => {
    const exports = [...evidence().llamaExports, 'llama_renamed_in_another_release'];
    expect(prebuiltMismatch(evidence({ llamaExports: exports }))).toMatch(
      /exports 1 function\(s\) llama.h does not declare: llama_renamed_in_another_release/,
    );
  });

  it('fails when libggml lacks a declared ggml function, naming at most five', () => {
    const header = `${GGML_H}${Array.from({ length: 7 }, (_, index) => `GGML_API void ggml_new_${index}(void);`).join('\n')}`;
    expect(prebuiltMismatch(evidence({ ggmlHeaders: [header] }))).toMatch(
      /libggml lacks 7 function\(s\) ggml's headers declare: ggml_new_0, .*ggml_new_4 and 2 more/,
    );
  });

  it('fails on a header with no declarations rather than passing an empty comparison', () => {
    expect(prebuiltMismatch(evidence({ llamaHeader: '', llamaExports: [] }))).toMatch(/declares no LLAMA_API functions/);
  });
});

/** A llama.cpp source some earlier build checked out into the cache, if there is one. */
function cachedSource(): string | undefined {
  const root = llamaServerCacheRoot();
  if (!existsSync(root)) return undefined;
  return readdirSync(root)
    .map((name) => path.join(root, name, 'src'))
    .find((src) => existsSync(path.join(src, 'include', 'llama.h')));
}

describe.runIf(process.platform === 'linux' && process.arch === 'x64' && cachedSource())(
  'the installed node-llama-cpp against a checked-out source',
  () => {
    it('passes the check (every deprecated and current llama.h function read, none left over)', async () => {
      const lookup = findPrebuiltLibraries('linux', 'x64');
      if (!('found' in lookup)) throw new Error(lookup.reason);
      const { tag } = await readLlamaCppRelease();
      expect(prebuiltMismatch(await readMatchEvidence(lookup.found, cachedSource() ?? '', tag, 'linux'))).toBeNull();
    });
  },
);
