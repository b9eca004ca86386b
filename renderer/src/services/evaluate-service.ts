import type { EvaluateRequest } from '@contract/studio-api';
import { studio } from '../studio';
import { callStudio } from './studio-error';

export const evaluateService = {
  run: (request: EvaluateRequest) => callStudio(() => studio().evaluateModel(request)),
};
