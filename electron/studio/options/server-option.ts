import type { RemoteServer } from '../../../native-models/engines/engine';
import { UsageError } from './usage-error';

/** `--server URL --api-key K --server-model NAME`: use an OpenAI-compatible server instead of local files. */
export function serverOption(values: { server?: string; 'api-key'?: string; 'server-model'?: string }): RemoteServer | undefined {
  if (!values.server) {
    if (values['server-model'] || values['api-key']) throw new UsageError('--server-model and --api-key go with --server URL.');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(values.server);
  } catch {
    throw new UsageError(`--server must be a URL such as http://gpu-box:23333, not "${values.server}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError('--server must be an http or https URL.');
  if (!values['server-model']) throw new UsageError('--server needs --server-model NAME (the model name the server knows).');
  return { baseUrl: values.server, model: values['server-model'], ...(values['api-key'] ? { apiKey: values['api-key'] } : {}) };
}

export const SERVER_OPTIONS = {
  server: { type: 'string' },
  'api-key': { type: 'string' },
  'server-model': { type: 'string' },
} as const;
