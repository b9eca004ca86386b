/**
 * Where a job's streamed text goes (the editor for compose, the answer for ask). Text never
 * passes through the store token by token: each sink coalesces it to one update per frame.
 */
const sinks = new Map<string, (delta: string) => void>();

export function receiveJobText(jobId: string, sink: (delta: string) => void): () => void {
  sinks.set(jobId, sink);
  return () => {
    if (sinks.get(jobId) === sink) sinks.delete(jobId);
  };
}

export function jobTextArrived(jobId: string, delta: string): void {
  sinks.get(jobId)?.(delta);
}
