import { modelDescriber } from '../library/model-describer';
import type { ImageDescriber } from '../library/image-describer';
import type { ModelManager } from './model-manager';

/** The background captioner's model: the loaded one, when it can write captions worth keeping; else why not, in words. */
export function captionDescriber(models: ModelManager): ImageDescriber | string {
  const status = models.state;
  const session = models.loaded();
  if (!session || status.state !== 'ready') return 'Captions are written once a model is loaded.';
  // Its captions would stay in the library and match searches at random.
  if (status.demo) return 'The demo model writes nonsense, so captions wait for a real model.';
  if (!status.vision) return 'The loaded model cannot see pictures.';
  return modelDescriber(session, { background: true });
}
