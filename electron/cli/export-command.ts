import path from 'node:path';
import { openProject, type OpenedProject } from '../studio/documents/open-project';
import { ProjectError } from '../studio/documents/project-error';
import { ExportError } from '../studio/export/export-error';
import { exportInWorker } from '../studio/export/export-in-worker';
import { exportFormatOf, type ExportProgress, type ExportResult } from '../studio/export/export-types';
import { EXPORT_ENDINGS, EXPORT_FORMAT_NAMES } from '../contract/export-formats';
import { UsageError } from '../studio/options/usage-error';
import { parseCommandLine } from '../studio/options/model-options';
import { progressReporter } from './progress-reporter';
import { abortOnInterrupt } from './abort-on-interrupt';

/** `folio export PROJECT_DIR -o OUT`: the project's article as .md, .zip, .html, .docx or .pdf. */
export async function runExport(argv: string[]): Promise<number> {
  const { values, positionals } = parseCli(argv);
  if (positionals.length !== 1)
    throw new UsageError('export needs one project folder, e.g. folio export "My article.folio" -o article.docx');
  if (!values.output) throw new UsageError(`export needs -o OUT ending in ${EXPORT_ENDINGS}.`);
  const format = exportFormatOf(values.output);
  if (!format) throw new UsageError(`-o must end in ${EXPORT_ENDINGS}, not "${path.basename(values.output)}".`);

  const project = await open(positionals[0] as string);
  for (const warning of project.warnings) process.stderr.write(`folio: warning: ${warning.message}\n`);
  let document = project.document;
  if (project.recovery && values.recovered) {
    for (const warning of project.recovery.warnings) process.stderr.write(`folio: warning: ${warning.message}\n`);
    document = project.recovery.document;
  } else if (project.recovery) {
    process.stderr.write(
      `folio: note: this project has unsaved changes from ${project.recovery.autosavedAt.toLocaleString()}; exporting the saved version (--recovered exports those changes).\n`,
    );
  } else if (values.recovered) {
    throw new UsageError('--recovered: this project has no unsaved changes to recover.');
  }

  const progress = progressReporter();
  const interrupt = abortOnInterrupt();
  try {
    const result = await exportInWorker(
      { projectDir: project.dir, document, outPath: values.output, title: project.manifest.title || undefined },
      { signal: interrupt.signal, onProgress: (event) => progress.update(...progressLine(event, EXPORT_FORMAT_NAMES[format].name)) },
    );
    progress.done();
    for (const reason of result.skipped) process.stderr.write(`folio: left out: ${reason}\n`);
    process.stdout.write(summary(result));
    return 0;
  } catch (error) {
    progress.done();
    // The project vanishing mid-export is a ProjectError from the worker: reported the same way.
    if (!(error instanceof ExportError || error instanceof ProjectError)) throw error;
    process.stderr.write(`folio: ${error.message}\n`);
    if (values.verbose && error.detail) process.stderr.write(`${error.detail}\n`);
    return error.code === 'aborted' ? 130 : error.code === 'unsupported-format' ? 2 : 1;
  } finally {
    interrupt.release();
  }
}

async function open(dir: string): Promise<OpenedProject> {
  try {
    return await openProject(dir);
  } catch (error) {
    // A project that cannot be opened is the caller's input, like a bad model file: exit 2.
    if (error instanceof ProjectError) throw new UsageError(error.message);
    throw error;
  }
}

function progressLine(event: ExportProgress, format: string): [string, number?] {
  if (event.phase === 'pictures') return [`Reading pictures ${event.done}/${event.total}`, event.total ? event.done / event.total : 1];
  if (event.phase === 'rendering') return [`Writing ${format}`];
  return [`Saving ${format}`, event.done / event.total];
}

function summary(result: ExportResult): string {
  const figures = `${result.figures} figure${result.figures === 1 ? '' : 's'}`;
  const images = result.extraFiles.length > 0 ? `, images in ${path.dirname(result.extraFiles[0] as string)}` : '';
  return `${EXPORT_FORMAT_NAMES[result.format].name}, ${figures}${images} -> ${result.outPath}\n`;
}

function parseCli(argv: string[]) {
  return parseCommandLine(argv, {
    output: { type: 'string', short: 'o' },
    recovered: { type: 'boolean' },
    verbose: { type: 'boolean' },
  });
}
