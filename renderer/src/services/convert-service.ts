import type { ConvertRequest } from '@contract/studio-api';
import { studio } from '../studio';
import { callStudio } from './studio-error';

export const convertService = {
  run: (request: ConvertRequest) => callStudio(() => studio().convertModel(request)),
};
