/**
 * Rendering a model file's chat template, as a job for the template worker: a model file is
 * outside input, and its template a program (loops, string products) that can take any time
 * and memory. What goes in; template-worker.ts renders it.
 */
export interface TemplateJob {
  template: string;
  messages: Array<{ role: string; content: string }>;
  bosToken: string;
  eosToken: string;
}

/** The most text a template may produce: far more than any context holds (32,768 tokens of about 4 characters). */
export const MAX_TEMPLATE_OUTPUT_CHARS = 4 * 1024 * 1024;
