/**
 * The torn-write test's child: saves the two states in turn, with an autosave of the other
 * between saves, forever, until it is killed. Prints "ready" once the first save is on disk.
 * Usage: save-loop-child PROJECT_DIR A|B
 */
import { autosaveProject, saveProject } from '../../../electron/studio/documents/save-project';
import { tornWriteState, type StateName } from './torn-write-states';

const [dir, first] = process.argv.slice(2) as [string, StateName];
const states = first === 'A' ? [tornWriteState('A'), tornWriteState('B')] : [tornWriteState('B'), tornWriteState('A')];
for (let round = 0; ; round++) {
  const state = states[round % 2] as (typeof states)[number];
  const other = states[(round + 1) % 2] as (typeof states)[number];
  await saveProject(dir, state, { assets: [state.picture] });
  if (round === 0) process.stdout.write('ready\n');
  await autosaveProject(dir, other, { assets: [other.picture] });
}
