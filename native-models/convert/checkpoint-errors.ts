/**
 * The three ways a checkpoint is refused, as ModelErrors the CLI reports in one line (exit 2):
 * it is not an XComposer2 checkpoint, a file in it is damaged or inconsistent, or it asks for
 * code to run. `detail` names the file for developers.
 */
import { ModelError } from '../errors';

export function notACheckpoint(message: string, detail?: string): ModelError {
  return new ModelError('not-a-checkpoint', message, detail);
}

export function checkpointCorrupt(message: string, detail?: string): ModelError {
  return new ModelError('checkpoint-corrupt', message, detail);
}

/** A pickle names something other than tensors, storages and dictionaries: nothing of it ran. */
export function checkpointUnsafe(global: string, file: string): ModelError {
  return new ModelError(
    'checkpoint-unsafe',
    `${baseName(file)} asks to run "${global}", which a model's weights never need; nothing was run and nothing was converted.`,
    `forbidden pickle global ${global} in ${file}`,
  );
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
