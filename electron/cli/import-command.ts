/**
 * `folio import ARTICLE.md -o PROJECT.folio`: a Markdown or text file, with the pictures it
 * shows, as a project the studio opens and `folio export` reads (the File dialog's Import).
 */
import path from 'node:path';
import { importAsProject, projectTitleFor } from '../studio/documents/import-project';
import { ProjectError, type ProjectErrorCode } from '../studio/documents/project-error';
import { parseCommandLine } from '../studio/options/model-options';
import { UsageError } from '../studio/options/usage-error';

const INPUT_REFUSED = new Set<ProjectErrorCode>(['import-unreadable', 'import-too-large', 'import-too-deep', 'import-too-slow']);

export async function runImport(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { output: { type: 'string', short: 'o' }, verbose: { type: 'boolean' } });
  if (positionals.length !== 1)
    throw new UsageError('import needs one Markdown or text file, e.g. folio import "Harbour towns.md" -o "Harbour towns.folio"');
  const file = positionals[0] as string;
  // Without -o: the file's name, as a project in the current folder.
  const output = values.output ?? `${projectTitleFor(file)}.folio`;
  if (!/\.folio$/i.test(output)) throw new UsageError(`-o must name a project folder ending in .folio, not "${path.basename(output)}".`);
  try {
    const imported = await importAsProject(path.dirname(path.resolve(output)), file, path.basename(output).replace(/\.folio$/i, ''));
    for (const warning of imported.warnings) process.stderr.write(`folio: left out: ${warning}\n`);
    process.stdout.write(`${imported.dir}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ProjectError)) throw error;
    // A file that cannot be read, or is larger or deeper than Folio reads, is the caller's input, as a bad model file is: exit 2.
    if (INPUT_REFUSED.has(error.code)) throw new UsageError(error.message);
    process.stderr.write(`folio: ${error.message}\n`);
    if (values.verbose && error.detail) process.stderr.write(`${error.detail}\n`);
    return 1;
  }
}
