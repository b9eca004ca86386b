/**
 * `indexFolder` on the tiny real models, as its own process so a test can kill it outright.
 * Usage: index-child.ts FOLDER LIBRARY CAPTION_LOG
 * Appends the content hash of every picture the model finished captioning to CAPTION_LOG (one
 * line each, written before the picture is committed), and prints the summary as JSON.
 */
import { appendFileSync } from 'node:fs';
import { ImageLibrary } from '../../../electron/studio/library/image-library';
import { indexFolder } from '../../../electron/studio/library/index-folder';
import { modelDescriber } from '../../../electron/studio/library/model-describer';
import { openTinySession } from '../../helpers/tiny-session';

const [folder, libraryFile, captionLog] = process.argv.slice(2) as [string, string, string];
const session = await openTinySession({ contextSize: 1024 });
const model = modelDescriber(session, { maxTokens: 8 });
const library = ImageLibrary.open(libraryFile);
try {
  const summary = await indexFolder(library, folder, {
    describer: {
      model: model.model,
      embed: (text) => model.embed(text),
      async caption(image, signal) {
        const caption = await model.caption(image, signal);
        appendFileSync(captionLog, `${image.sha256}\n`);
        return caption;
      },
    },
  });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} finally {
  library.close();
  await session.close();
}
