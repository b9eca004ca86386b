/**
 * Seeded random chat templates built from what runs away (loops over huge ranges, string
 * products, recursive macros, exceptions, guards on the conversation that hide from a probe),
 * for the template fuzz tests: through ModelSession on each engine (template-fuzz.test) and
 * through the served studio (template-fuzz-served.test).
 */
import type { Random } from './seeded-random';

const HUGE = ['1000000000', '100000000', '30000000'];
const PIECES: Array<(random: Random, inner: string) => string> = [
  (random, inner) => `{% for i in range(${random.pick(HUGE)}) %}${inner}{% endfor %}`,
  (_random, inner) => `{% for a in range(100000) %}{% for b in range(100000) %}${inner}{% endfor %}{% endfor %}`,
  (random) => `{{ 'x' * ${random.pick(HUGE)} }}`,
  () => '{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}',
  () => "{{ raise_exception('the model file template ran') }}",
  (_random, inner) => `{% if messages[0]['content'] != 'x' %}${inner}{% endif %}`,
  (_random, inner) => `{% if messages | length > 0 and messages[0]['content'] | length > 1 %}${inner}{% endif %}`,
  () => "{% for m in messages %}{{ '<|im_start|>' + m['role'] + '\\n' + m['content'] + '<|im_end|>\\n' }}{% endfor %}",
  () => '{% for x in %}broken',
];

export function fuzzTemplate(random: Random): string {
  let template = '';
  for (let depth = 1 + random.int(3); depth > 0; depth--) template = random.pick(PIECES)(random, template);
  return template;
}
