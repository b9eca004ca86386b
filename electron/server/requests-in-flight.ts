/**
 * How much the Studio API holds for its clients at once: requests not yet answered, and the
 * bytes of their frames, per connection and in total. Without a bound one token holder kept
 * 3.5 GB of messages in flight and queued 200 jobs ahead of another window's ask. A request over
 * a bound is refused at once with a typed 'busy' error the page can show; nothing is queued.
 */
import { studioError, type StudioRequestError } from '../studio/service/to-studio-error';
import { MAX_STUDIO_MESSAGE_BYTES } from './message-limits';

export interface InFlightLimits {
  requestsPerClient: number;
  bytesPerClient: number;
  requests: number;
  bytes: number;
}

/**
 * The editor sends one picture at a time and a handful of small calls beside it; two of the
 * largest messages per window and four in all leave room for that and no more.
 */
const DEFAULT_LIMITS: InFlightLimits = {
  requestsPerClient: 32,
  bytesPerClient: 2 * MAX_STUDIO_MESSAGE_BYTES,
  requests: 128,
  bytes: 4 * MAX_STUDIO_MESSAGE_BYTES,
};

interface Held {
  requests: number;
  bytes: number;
}

/** Admits a request of `bytes` or says why not; `release` is called once it is answered. */
export type AdmitRequest = (bytes: number) => { release: () => void } | StudioRequestError;

/** What a client is called in a refusal's detail: an editor window, or a /v1 connection. */
interface ClientWords {
  one: string;
  all: string;
}

export function requestsInFlight(
  limits: Partial<InFlightLimits> = {},
  words: ClientWords = { one: 'this window', all: 'all windows' },
): () => AdmitRequest {
  const bound = { ...DEFAULT_LIMITS, ...limits };
  const total: Held = { requests: 0, bytes: 0 };
  return () => {
    const client: Held = { requests: 0, bytes: 0 };
    return (bytes) => {
      const over =
        client.requests + 1 > bound.requestsPerClient || client.bytes + bytes > bound.bytesPerClient
          ? `${words.one} has ${client.requests} requests (${megabytes(client.bytes)}) unanswered; at most ${bound.requestsPerClient} (${megabytes(bound.bytesPerClient)})`
          : total.requests + 1 > bound.requests || total.bytes + bytes > bound.bytes
            ? `${words.all} have ${total.requests} requests (${megabytes(total.bytes)}) unanswered; at most ${bound.requests} (${megabytes(bound.bytes)})`
            : null;
      if (over) return studioError('busy', 'The studio is still busy with earlier requests. Try again when they finish.', over);
      for (const held of [client, total]) {
        held.requests += 1;
        held.bytes += bytes;
      }
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          for (const held of [client, total]) {
            held.requests -= 1;
            held.bytes -= bytes;
          }
        },
      };
    };
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}
