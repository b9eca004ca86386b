/** What `folio --help` prints, and each command's part of it for `folio COMMAND --help`. */
export const HELP = `folio: an offline studio for illustrated articles

Usage:
  folio ask --model M.gguf [--mmproj P.gguf] [--image a.jpg ...] [--document F] [--seed N] [--max-tokens N]
            [--probs K [--full-precision]] "question"
  folio compose (--outline FILE | --instruction TEXT) [--references a.jpg ...] [--library DIR]
                [--figures N|auto] [--seed N] --model M --mmproj P -o OUT.folio|.json|.md|.html
  folio index DIR [--embedding-model DIR] [--library-db FILE] [--threads N]
  folio index --list | --remove DIR [--library-db FILE]
  folio models list [--models-dir DIR] [--context N] [--json]
  folio models pull ID [--models-dir DIR]
  folio models verify MODEL.gguf [--mmproj P.gguf] [--context N]
  folio export PROJECT.folio -o OUT.md|.zip|.html|.docx|.pdf [--recovered]
  folio import ARTICLE.md|.txt [-o PROJECT.folio]
  folio convert CHECKPOINT_DIR -o OUT_DIR [--type f16|q8_0|q4_k_m|f32]
  folio eval BENCHMARK.tsv --model M [--mmproj P] [--out RESULTS.json] [--limit N | --sample N --seed S]
            [--circular | --no-circular]
  folio eval report A.json B.json
  folio eval retrieval PAIRS.tsv [--embedding-model DIR] [--model M --mmproj P]
  folio --help

Options for compose:
  --outline FILE      an outline (Markdown or plain text); its headings stay headings
  --instruction TEXT  or a one-line request
  --references FILE   reference images (up to 10); without --library they become the figures
  --library DIR       your image folder: indexed first (only new or changed images), then searched
  --embedding-model DIR  the image-embedding model for --library (as for index)
  --library-db FILE   where the library index lives (default: in your data folder)
  --figures N|auto    how many figures (1 to 15), or let the model decide (default auto)
  -o OUT              .folio (a project: open it, export it), .json (the editor's document),
                      .md (pictures in OUT-images/ beside it, as export writes) or .html
                      (one self-contained page); .json keeps every candidate in assets/ beside it

Options for index (embeds new and changed pictures under DIR, removes deleted ones; no language model):
  --embedding-model DIR  the image-embedding model's folder (default: clip-vit-b-32 in the models
                      folder: folio models pull clip-vit-b-32)
  --library-db FILE   the library database (default: $XDG_DATA_HOME/folio/library.sqlite,
                      ~/.local/share/folio/ without it; the app data folder on macOS/Windows)
  --list              the folders indexed, with their counts and the files left out
  --remove DIR        take a folder out of the library
  --threads N         threads for the embedding model (default: the cores free, but one)

Options for export (the project's article, with its pictures):
  -o OUT              .md (pictures in OUT-images/ beside it), .zip (Markdown and pictures),
                      .html (one self-contained page), .docx (Word) or .pdf (printed by Chromium:
                      found on PATH, or set FOLIO_CHROMIUM)
  --recovered         export the unsaved changes an autosave kept, not the saved article

Options for import (a Markdown or text file as a new project, with the pictures it shows;
pictures are read relative to the file; one that cannot be read is named and left out):
  -o PROJECT.folio    the project to make (default: the file's name, in the current folder)

Options for convert (an InternLM-XComposer2 checkpoint folder, as downloaded: config.json,
tokenizer.model and .bin or .safetensors weights, to GGUF files Folio loads; Ctrl-C cancels):
  -o OUT_DIR          a new folder: the language model, the image reader, the Partial LoRA
                      adapter and folio-model.json, which names them
  --type T            f16 (default), q8_0 (half the size, for 16 GB machines), q4_k_m
                      (about a third, by llama.cpp's quantizer) or f32 (exact, to check a conversion)

Options for eval (a multiple-choice benchmark in VLMEvalKit's TSV layout; answers are one option
letter, greedy; Ctrl-C stops and the same command continues):
  --out FILE          the results (.json, every answer); the table (.md) and the answers so far
                      (.answers.jsonl) go beside it (default: BENCHMARK-MODEL.json here)
  --circular          every rotation of the options must be answered right (default for MMBench files)
  --limit N           the first N items only;  --sample N --seed S: N items drawn at random
  --model, --mmproj, --engine, --backend, --context, --threads, --server: as for ask
  report A.json B.json  two runs side by side per category, with McNemar's exact test
  retrieval PAIRS.tsv  text-to-picture recall@1/5/10 of the image-embedding model, overall and per
                      language (columns image, text, optional language); --model M --mmproj P
                      searches texts in another script through the model's English phrase

Options for models (list: the catalog, what fits this computer, what is downloaded;
pull: download a model and its image reader, Ctrl-C pauses and the same command resumes;
verify: check any model file, and its projector, before use):
  --models-dir DIR    where models are saved (default: $FOLIO_MODELS_DIR, else
                      $XDG_DATA_HOME/folio/models or ~/.local/share/folio/models; the app
                      data folder on macOS/Windows)
  --catalog FILE      another model catalog (JSON, same form as the built-in one), e.g. a mirror
  --json              list as JSON

Options for ask:
  --model FILE        the language model (GGUF), or demo: the tiny demo model the studio offers
                      (writes nonsense; for trying the commands), with its projector
  --mmproj FILE       its vision projector (GGUF), needed for --image
  --image FILE        an image to ask about (repeatable)
  --document FILE     the article the question is about (Markdown or text), given as context
  --seed N            same seed, same answer
  --max-tokens N      longest answer, in tokens (default 512)
  --temperature T     sampling temperature (default 1.0)
  --probs K           greedy, and print each token with the K most likely ones as JSON lines
                      (llama-server), to compare your conversion with a reference
  --full-precision    float32 KV cache and no flash attention: slower, but within 1e-3 of a
                      float32 reference (default: f16 KV cache, about 2e-3 to 4e-3 off)
  --engine NAME       llama-server, llama-node or node-llama-cpp (default: llama-server on x64
                      without a GPU when built, else llama-node with a projector, else node-llama-cpp)
  --backend NAME      auto, cpu, cuda, vulkan or metal (default auto)
  --context N         context size in tokens (default 4096)
  --threads N         CPU threads for the model (default: the cores free as it loads, but one)
  --server URL        use an OpenAI-compatible server (LMDeploy, vLLM, llama-server) instead of
                      local files; with --server-model NAME and, if it needs one, --api-key KEY
  --verbose           print developer detail on errors
`;

/**
 * The usage lines of `command` and its "Options for …" paragraphs, or null for a command the
 * help does not name. Taken from HELP, so the two never disagree.
 */
export function helpFor(command: string): string | null {
  const [, usage = '', ...paragraphs] = HELP.split('\n\n');
  const lines: string[] = [];
  let taking = false;
  for (const line of usage.split('\n').slice(1)) {
    if (line.startsWith('  folio ')) taking = line.startsWith(`  folio ${command} `) || line === `  folio ${command}`;
    if (taking) lines.push(line);
  }
  if (lines.length === 0) return null;
  const options = paragraphs.filter(
    (paragraph) => paragraph.startsWith(`Options for ${command} `) || paragraph.startsWith(`Options for ${command}:`),
  );
  return `Usage:\n${lines.join('\n')}\n${options.map((paragraph) => `\n${paragraph.trimEnd()}\n`).join('')}`;
}
