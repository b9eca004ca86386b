/**
 * node bin/run-ts.js bench/library/bench-first-search.ts [-- --sizes 10000,100000]
 *
 * The writer's first search after the studio starts, through StudioLibrary with CLIP ViT-B/32 at
 * its real size (random weights; the bench cache's copy): once as it was (the search starts the
 * worker, loads the text tower and the vectors itself), once prepared ahead as the studio now
 * does when the library is opened (prepareSearch, then the search). Each run on a fresh worker
 * and a fresh database connection; the load average is printed with every line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CLIP_VIT_B_32 } from '../../native-models/clip/clip-architecture';
import { ImageLibrary } from '../../electron/studio/library/image-library';
import { StudioLibrary } from '../../electron/studio/service/studio-library';
import { SettingsStore } from '../../electron/studio/service/studio-settings';
import { ModelUse } from '../../electron/studio/model/model-use';
import { BENCH_CLIP_ID, ensureBenchClip } from './bench-cache';
import { ms } from './percentiles';
import { fillLibrary } from './synthetic-library';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,100000' } } });
const line = (text = ''): void => void process.stdout.write(`${text}\n`);
const load = (): string =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
const root = mkdtempSync(path.join(os.tmpdir(), 'folio-bench-first-search-'));

try {
  line(`bench first search on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${load()}`);
  const clipDir = await ensureBenchClip(line);
  for (const size of values.sizes.split(',').map(Number)) {
    const dataDir = path.join(root, String(size));
    const file = path.join(dataDir, 'library.sqlite');
    const filling = ImageLibrary.open(file);
    fillLibrary(filling, path.join(dataDir, 'files'), size, CLIP_VIT_B_32.projection, 1, BENCH_CLIP_ID);
    filling.close();
    const settings = await SettingsStore.open(dataDir);
    /** The studio's library as it is after a start: nothing loaded yet. */
    const fresh = () =>
      new StudioLibrary(file, settings, () => Promise.resolve({ dir: clipDir, demo: false }), {
        modelUse: new ModelUse(),
        describer: () => 'no captions in this bench',
        onChange: () => undefined,
      });
    line(`Library of ${size} pictures (512-wide vectors)`);

    let library = fresh();
    let started = performance.now();
    await library.search('a harbour at dusk', 20, null);
    line(`  first search, nothing prepared: ${ms(performance.now() - started)} (load ${load()})`);
    await library.close();

    library = fresh();
    started = performance.now();
    await library.prepareSearch();
    const prepared = performance.now() - started;
    started = performance.now();
    await library.search('a harbour at dusk', 20, null);
    line(`  prepared when the library opened: ${ms(prepared)}; then the first search: ${ms(performance.now() - started)} (load ${load()})`);
    await library.close();
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
