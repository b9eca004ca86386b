/** An error's message for the writer (a typed error's message is written for them). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
