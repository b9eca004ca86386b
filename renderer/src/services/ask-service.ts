import type { AskRequest } from '@contract/studio-api';
import { studio } from '../studio';
import { callStudio } from './studio-error';

export const askService = {
  ask: (request: AskRequest) => callStudio(() => studio().ask(request)),
};
