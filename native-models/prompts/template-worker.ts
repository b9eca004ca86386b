/**
 * The template worker thread (see chat-format.ts): renders one TemplateJob per message; a text
 * longer than any context is refused ('too-long') rather than sent back.
 */
import { Template } from '@huggingface/jinja';
import { WorkerTaskError } from '../bounded-worker-messages';
import { serveBoundedTasks } from '../serve-bounded-tasks';
import { MAX_TEMPLATE_OUTPUT_CHARS, type TemplateJob } from './template-job';

serveBoundedTasks<TemplateJob, string>((job) => {
  const text = new Template(job.template).render({
    messages: job.messages,
    add_generation_prompt: true,
    bos_token: job.bosToken,
    eos_token: job.eosToken,
  });
  if (text.length > MAX_TEMPLATE_OUTPUT_CHARS) throw new WorkerTaskError(`it wrote ${text.length} characters`, 'too-long');
  return text;
});
