import type { ModelSource } from '@contract/studio-api';
import { studio } from '../studio';
import { callStudio } from './studio-error';

export const modelService = {
  setup: () => callStudio(() => studio().modelSetup()),
  status: () => callStudio(() => studio().modelStatus()),
  checkFiles: (decoder: string, projector: string | null) => callStudio(() => studio().checkModelFiles({ decoder, projector })),
  load: (source: ModelSource) => callStudio(() => studio().loadModel({ source })),
  cancelLoad: () => callStudio(() => studio().cancelModelLoad()),
  download: (jobId: string, id: string) => callStudio(() => studio().downloadModel({ jobId, id })),
};
