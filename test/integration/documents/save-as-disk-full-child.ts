/**
 * save-as-disk-full.test's program, run in a user and mount namespace whose FOLIO_FULL_DISK
 * folder is a 2 MB tmpfs (what the test sees of that folder is not what this sees, so this
 * looks and says): the studio in this process, a Save As of three pictures of about 1.5 MB
 * into the small disk, then of the article without them under the same name. Prints one JSON
 * line: each Save As's outcome and what the folder held after it, hidden entries included.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { emptyDocument, figure, paragraph } from '../../../electron/studio/documents/article-document';
import { startInProcessStudio } from '../../helpers/in-process-studio';
import { noisePicture } from '../../helpers/noise-picture';
import { seededRandom } from '../../helpers/seeded-random';

const disk = process.env.FOLIO_FULL_DISK as string;
const running = await startInProcessStudio('save-as-disk-full');
const outcome = async (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    () => 'saved',
    (error: Error) => error.message,
  );
try {
  const { studio } = running;
  await studio.call('openWorkspace');
  const random = seededRandom(7);
  const large = emptyDocument();
  for (let index = 0; index < 3; index++) {
    const dataBase64 = noisePicture(random).toString('base64');
    const image = await studio.call('importImage', { fileName: `noise-${index}.png`, dataBase64 });
    large.content.push(figure({ assetId: image.assetId, caption: `Noise ${index}` }));
  }
  const target = path.join(disk, 'Harbour.folio');
  const first = await outcome(studio.call('saveProjectAs', { document: large, dir: target }));
  const afterFirst = readdirSync(disk);
  const small = { ...emptyDocument(), content: [paragraph('Boats at dawn.')] };
  const second = await outcome(studio.call('saveProjectAs', { document: small, dir: target }));
  const afterSecond = readdirSync(disk);
  console.log(JSON.stringify({ first, afterFirst, second, afterSecond }));
} finally {
  await running.close();
}
