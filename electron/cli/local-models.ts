import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_NAME } from '../../native-models/convert/converted-manifest';

interface LocalModel {
  /** What to give --model: the folder of a converted model, "demo" for the demo. */
  use: string;
  name: string;
  /** Where it is on disk. */
  where: string;
  bytes: number;
}

/**
 * The models on this computer that the catalog does not list: the demo model (written into the
 * data folder's demo-model/ on first use) and each model converted into the models folder's
 * converted/ (the studio's Convert writes there; a folder with folio-model.json in it).
 */
export async function localModels(
  modelsDir: string,
  dataDir: string,
): Promise<{ demo: LocalModel & { written: boolean }; converted: LocalModel[] }> {
  const demoDir = path.join(dataDir, 'demo-model');
  const demoBytes = await folderBytes(demoDir);
  const convertedDir = path.join(modelsDir, 'converted');
  const names = await readdir(convertedDir).catch(() => [] as string[]);
  const converted: LocalModel[] = [];
  for (const name of names.sort()) {
    const dir = path.join(convertedDir, name);
    if (
      !(await stat(path.join(dir, MANIFEST_NAME)).then(
        (info) => info.isFile(),
        () => false,
      ))
    )
      continue;
    converted.push({ use: dir, name, where: dir, bytes: await folderBytes(dir) });
  }
  return {
    demo: {
      use: 'demo',
      name: 'The demo model (tiny; it writes nonsense, for trying Folio)',
      where: demoDir,
      bytes: demoBytes,
      written: demoBytes > 0,
    },
    converted,
  };
}

async function folderBytes(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  let bytes = 0;
  for (const entry of entries) if (entry.isFile()) bytes += (await stat(path.join(dir, entry.name)).catch(() => ({ size: 0 }))).size;
  return bytes;
}
