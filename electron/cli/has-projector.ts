import { resolveModelFiles } from '../../native-models/convert/converted-model-files';

/**
 * Whether the model given on the command line can see pictures: `--mmproj`, or a converted
 * model (its folder, or a decoder with `folio-model.json` beside it) that brings its projector.
 */
export async function hasProjector(values: { model?: string; mmproj?: string }): Promise<boolean> {
  if (values.mmproj) return true;
  if (!values.model) return false;
  const files = await resolveModelFiles({ decoderPath: values.model }).catch(() => null);
  return Boolean(files?.projectorPath);
}
