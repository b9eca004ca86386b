import { studio } from '../studio';
import { callStudio } from './studio-error';

let counter = 0;

/** A job id of our own choosing: progress events and cancelJob refer to it. */
export function newJobId(kind: string): string {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 8);
  return `${kind}-${Date.now().toString(36)}-${counter}-${random}`;
}

export const jobService = {
  cancel: (jobId: string) => callStudio(() => studio().cancelJob({ jobId })),
};
