import type { ArticleDocument, ExportFormat } from '@contract/studio-api';
import { studio } from '../studio';
import { callStudio } from './studio-error';

export const projectService = {
  openWorkspace: () => callStudio(() => studio().openWorkspace()),
  save: (document: ArticleDocument, mode: 'autosave' | 'save') => callStudio(() => studio().saveDocument({ document, mode })),
  create: (title: string) => callStudio(() => studio().newProject({ title })),
  open: (dir: string) => callStudio(() => studio().openProject({ dir })),
  saveAs: (document: ArticleDocument, dir: string) => callStudio(() => studio().saveProjectAs({ document, dir })),
  importArticle: (path: string) => callStudio(() => studio().importArticle({ path })),
  readMarkdown: (markdown: string) => callStudio(() => studio().readMarkdown({ markdown })),
  exportArticle: (jobId: string, document: ArticleDocument, format: ExportFormat, path: string) =>
    callStudio(() => studio().exportArticle({ jobId, document, format, path })),
};
