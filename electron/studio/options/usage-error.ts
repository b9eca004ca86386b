/** A mistake in how a command (the CLI, npm run serve) was called: reported in one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
