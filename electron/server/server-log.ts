/**
 * Where the server reports what went wrong with one request or one connection: the failure ends
 * that request (an error reply, a 4xx/5xx answer, a closed socket), never the process, and is
 * written down here so a developer can see it.
 */
export type ReportServerError = (where: string, error: unknown) => void;

export const reportToStderr: ReportServerError = (where, error) => {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`studio server: ${where}: ${detail}\n`);
};
