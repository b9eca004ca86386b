/**
 * What a model file's chat template may call, given by Folio rather than the template library:
 * its own `range()` builds the whole list before the loop starts, so `range(10**9)` asked for
 * gigabytes at once. Here range counts first and refuses past a million (bounded-range.ts);
 * the rest is what chat templates use (the booleans and none in both spellings,
 * raise_exception, strftime_now).
 */
import { boundedRange } from './bounded-range';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Python's strftime for the fields chat templates print (a date line in a system turn). */
export function strftime(date: Date, format: string): string {
  const two = (value: number): string => String(value).padStart(2, '0');
  const month = MONTHS[date.getMonth()] ?? '';
  const fields: Record<string, string> = {
    Y: String(date.getFullYear()),
    m: two(date.getMonth() + 1),
    d: two(date.getDate()),
    b: month.slice(0, 3),
    B: month,
    H: two(date.getHours()),
    M: two(date.getMinutes()),
    S: two(date.getSeconds()),
    '%': '%',
  };
  return format.replace(/%(.)/g, (token, field: string) => fields[field] ?? token);
}

export function templateGlobals(): Record<string, unknown> {
  return {
    true: true,
    false: false,
    none: null,
    True: true,
    False: false,
    None: null,
    range: boundedRange,
    raise_exception: (message: unknown) => {
      throw new Error(String(message));
    },
    strftime_now: (format: string) => strftime(new Date(), format),
  };
}
