/**
 * The `folio` command. Each subcommand lives in its own file, loaded only when it runs (their
 * imports reach the model bindings, sharp and SQLite: loading them all made `folio --help` take
 * over a second); this only dispatches.
 * Bad input: one clear line on stderr and exit code 2. A stack trace only with --verbose.
 */
import { reportFailure } from '../studio/options/report-failure';
import { UsageError } from '../studio/options/usage-error';
import { HELP, helpFor } from './cli-help';

export async function main(argv: string[]): Promise<number> {
  const [command, ...given] = argv;
  const verbose = argv.includes('--verbose');
  try {
    // `folio convert --help`: that command's usage and options (before a `--`, which ends the options).
    const options = given.includes('--') ? given.slice(0, given.indexOf('--')) : given;
    const help = command && (options.includes('--help') || options.includes('-h')) ? helpFor(command) : null;
    if (help) {
      process.stdout.write(help);
      return 0;
    }
    // Loaded only when asked for, as the commands are (it brings the GGUF writer).
    const rest = given.some((arg) => arg === 'demo' || arg === '--model=demo')
      ? await (await import('./demo-model-argument')).withDemoModel(given)
      : given;
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(HELP);
        return 0;
      case 'ask':
        return await (await import('./ask-command')).runAsk(rest);
      case 'compose':
        return await (await import('./compose-command')).runCompose(rest);
      case 'index':
        return await (await import('./index-command')).runIndex(rest);
      case 'models':
        return await (await import('./models-command')).runModels(rest);
      case 'export':
        return await (await import('./export-command')).runExport(rest);
      case 'import':
        return await (await import('./import-command')).runImport(rest);
      case 'convert':
        return await (await import('./convert-command')).runConvert(rest);
      case 'eval':
        return await (await import('./eval-command')).runEval(rest);
      default:
        throw new UsageError(`unknown command "${command}". Run "folio --help".`);
    }
  } catch (error) {
    return reportFailure(error, verbose);
  }
}

process.exitCode = await main(process.argv.slice(2));
