/**
 * Whether node-llama-cpp's prebuilt libraries and the llama.cpp source we compile against them
 * are the same llama.cpp. Compiling the server from one release against libraries from another
 * would link (C++ names carry no struct layouts) and then crash or misread memory at run time,
 * so the check compares what a different build cannot share: the release both packages name,
 * the package versions, and every function llama.h declares against what libllama exports,
 * both ways (a release adds, drops or renames some in nearly every version).
 */

/** What is compared; read by readMatchEvidence (prebuilt-evidence.ts), built by hand in tests. */
export interface MatchEvidence {
  /** The llama.cpp tag node-llama-cpp's source bundle names (llama.cpp.info.json). */
  sourceTag: string;
  /** The release the prebuilt package was built from (_nlcBuildMetadata.json). */
  prebuiltRelease: string;
  nodeLlamaCppVersion: string;
  prebuiltVersion: string;
  /** The text of include/llama.h in the checked-out source. */
  llamaHeader: string;
  /** Function names libllama exports. */
  llamaExports: readonly string[];
  /** The text of ggml's public headers the server includes (ggml.h, ggml-backend.h, ...). */
  ggmlHeaders: readonly string[];
  /** Function names libggml-base and libggml export together. */
  ggmlExports: readonly string[];
}

const SHOWN = 5;

/** Null when the source and the libraries are one build; otherwise why not, in one sentence. */
export function prebuiltMismatch(evidence: MatchEvidence): string | null {
  if (evidence.sourceTag !== evidence.prebuiltRelease) {
    return `the source is llama.cpp ${evidence.sourceTag} but the prebuilt libraries were built from ${evidence.prebuiltRelease}`;
  }
  if (evidence.nodeLlamaCppVersion !== evidence.prebuiltVersion) {
    return `node-llama-cpp is ${evidence.nodeLlamaCppVersion} but its prebuilt package is ${evidence.prebuiltVersion}`;
  }
  const declared = declaredFunctions(evidence.llamaHeader, 'LLAMA_API');
  if (declared.size === 0) return 'llama.h declares no LLAMA_API functions (is the source checked out?)';
  const exported = new Set(evidence.llamaExports.filter((name) => name.startsWith('llama_')));
  const missing = difference(declared, exported);
  if (missing.length > 0) return `libllama lacks ${missing.length} function(s) llama.h declares: ${shown(missing)}`;
  const extra = difference(exported, declared);
  if (extra.length > 0) return `libllama exports ${extra.length} function(s) llama.h does not declare: ${shown(extra)}`;
  const ggmlDeclared = new Set(evidence.ggmlHeaders.flatMap((header) => [...declaredFunctions(header, 'GGML_API')]));
  // libggml-base also exports internal helpers (ggml-impl.h), so only this direction is checked.
  const ggmlMissing = difference(ggmlDeclared, new Set(evidence.ggmlExports));
  if (ggmlMissing.length > 0) return `libggml lacks ${ggmlMissing.length} function(s) ggml's headers declare: ${shown(ggmlMissing)}`;
  return null;
}

/**
 * The functions a C header declares with `macro` (LLAMA_API or GGML_API), comments removed;
 * `DEPRECATED(LLAMA_API ... name(...), hint)` and `LLAMA_API DEPRECATED(... name(...), hint)`
 * count too, as the library still exports them. Only
 * llama_, ggml_ and gguf_ names count: the macro's own #define would otherwise read as
 * `__attribute__(...)`.
 */
export function declaredFunctions(header: string, macro: 'LLAMA_API' | 'GGML_API'): Set<string> {
  const code = header.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const declaration = new RegExp(String.raw`\b${macro}\s+(?:\w*DEPRECATED\()?[^;(]*?\b([A-Za-z_]\w*)\s*\(`, 'g');
  return new Set([...code.matchAll(declaration)].map((match) => match[1] ?? '').filter((name) => /^(llama|ggml|gguf)_/.test(name)));
}

function difference(left: Set<string>, right: Set<string>): string[] {
  return [...left].filter((name) => !right.has(name)).sort();
}

function shown(names: string[]): string {
  return names.length > SHOWN ? `${names.slice(0, SHOWN).join(', ')} and ${names.length - SHOWN} more` : names.join(', ');
}
