import path from 'node:path';
import { ensureDemoModels } from '../../native-models/demo/demo-models';
import { defaultDataDir } from '../studio/service/default-data-dir';

/**
 * `--model demo`: the demo model the studio offers (tiny, writes nonsense, for trying the
 * commands offline), written into the data folder's demo-model/ as the studio writes it, with its
 * projector unless --mmproj names another. Other arguments are returned as they are.
 */
export async function withDemoModel(args: readonly string[], dataDir = defaultDataDir()): Promise<string[]> {
  const end = args.includes('--') ? args.indexOf('--') : args.length;
  const at = args.slice(0, end).findIndex((arg, index) => arg === '--model=demo' || (arg === '--model' && args[index + 1] === 'demo'));
  if (at < 0) return [...args];
  const demo = await ensureDemoModels(path.join(dataDir, 'demo-model'));
  const taken = args[at] === '--model' ? 2 : 1;
  const hasProjector = args.slice(0, end).some((arg) => arg === '--mmproj' || arg.startsWith('--mmproj='));
  return [...args.slice(0, at), '--model', demo.decoder, ...(hasProjector ? [] : ['--mmproj', demo.projector]), ...args.slice(at + taken)];
}
