/**
 * `indexFolder` with the real image-embedding model (the tiny CLIP in its worker thread), as its
 * own process so a test can kill it outright.
 * Usage: index-child.ts FOLDER LIBRARY EMBED_LOG
 * Appends the content hash of every picture the model finished embedding to EMBED_LOG (one line
 * each, written before its batch is committed), and prints the summary as JSON.
 */
import { appendFileSync } from 'node:fs';
import { ImageLibrary } from '../../../electron/studio/library/image-library';
import { indexFolder } from '../../../electron/studio/library/index-folder';
import { PictureEmbedder } from '../../../electron/studio/library/picture-embedder';
import { TINY_CLIP } from '../../helpers/fixture-paths';

const [folder, libraryFile, embedLog] = process.argv.slice(2) as [string, string, string];
const embedder = await PictureEmbedder.start(TINY_CLIP, { threads: 1 });
const library = ImageLibrary.open(libraryFile);
try {
  const summary = await indexFolder(library, folder, {
    embedder: {
      description: embedder.description,
      async embedFiles(paths, limits) {
        const batch = await embedder.embedFiles(paths, limits);
        const hashes = batch.outcomes.flatMap((outcome) => (outcome.ok ? [outcome.sha256] : []));
        appendFileSync(embedLog, hashes.map((hash) => `${hash}\n`).join(''));
        return batch;
      },
    },
  });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} finally {
  library.close();
  await embedder.close();
}
