/**
 * A build that cannot start or did not finish. `exitCode` 2 means the machine lacks something
 * (a tool, a toolkit, a bad argument) and the message says what to install or change; 1 means
 * the build itself failed and `detail` carries the end of its log.
 */
export class LlamaServerBuildError extends Error {
  override readonly name = 'LlamaServerBuildError';
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
    readonly detail?: string,
  ) {
    super(message);
  }
}
