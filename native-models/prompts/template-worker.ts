/**
 * The chat template's task process (see chat-format.ts): renders one TemplateJob per message
 * with Folio's own globals (template-globals.ts); a text longer than any context is refused
 * ('too-long') rather than sent back.
 */
import { Environment, Interpreter, Template } from '@huggingface/jinja';
import { WorkerTaskError } from '../bounded-worker-messages';
import { serveBoundedTasks } from '../serve-bounded-tasks';
import { templateGlobals } from './template-globals';
import { MAX_TEMPLATE_OUTPUT_CHARS, type TemplateJob } from './template-job';

serveBoundedTasks<TemplateJob, string>((job) => {
  const environment = new Environment();
  const variables = {
    ...templateGlobals(),
    messages: job.messages,
    add_generation_prompt: true,
    bos_token: job.bosToken,
    eos_token: job.eosToken,
  };
  for (const [name, value] of Object.entries(variables)) environment.set(name, value);
  const rendered = new Interpreter(environment).run(new Template(job.template).parsed).value;
  const text = typeof rendered === 'string' ? rendered : String(rendered);
  if (text.length > MAX_TEMPLATE_OUTPUT_CHARS) throw new WorkerTaskError(`it wrote ${text.length} characters`, 'too-long');
  return text;
});
