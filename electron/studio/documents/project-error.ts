/**
 * Why a project could not be opened, saved or imported into (`ProjectError`), and what was
 * repaired or left out while opening it (`ProjectWarning`). `message` is for the writer;
 * `detail` (paths, parser positions, the underlying error) is for developers and logs.
 */
export type ProjectErrorCode =
  // opening
  | 'project-missing'
  | 'not-a-project'
  | 'file-unreadable'
  | 'file-too-large'
  | 'path-escapes'
  | 'document-corrupt'
  | 'document-invalid'
  | 'schema-too-new'
  | 'schema-unsupported'
  // saving and importing
  | 'project-exists'
  | 'asset-missing'
  | 'write-failed'
  | 'image-refused'
  | 'import-unreadable'
  /** Markdown larger, deeper or slower to read than a writer's documents are (the limit in the message). */
  | 'import-too-large'
  | 'import-too-deep'
  | 'import-too-slow'
  // any file job
  | 'location-refused'
  | 'timed-out'
  | 'cancelled';

export class ProjectError extends Error {
  override readonly name = 'ProjectError';
  constructor(
    readonly code: ProjectErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export type ProjectWarningCode =
  | 'asset-missing'
  | 'asset-damaged'
  | 'asset-too-large'
  | 'path-escapes'
  | 'figure-repaired'
  | 'manifest-missing'
  | 'manifest-unusable'
  | 'autosave-unusable';

/** Something opened with a repair: the figure left empty, the metadata rebuilt, the autosave ignored. */
export interface ProjectWarning {
  code: ProjectWarningCode;
  message: string;
  detail?: string;
}

/** The error's own message for a ProjectError, a plain description otherwise (for logs and details). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${(error as NodeJS.ErrnoException).code ?? error.name}: ${error.message}`;
  return String(error);
}
