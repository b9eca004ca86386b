import { UsageError } from './usage-error';

export function integerOption(raw: string | undefined, name: string, range: { min?: number } = {}): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value)) throw new UsageError(`${name} must be a whole number, not "${raw}".`);
  if (range.min !== undefined && value < range.min) throw new UsageError(`${name} must be at least ${range.min}.`);
  return value;
}

export function numberOption(raw: string | undefined, name: string, range: { min?: number } = {}): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new UsageError(`${name} must be a number, not "${raw}".`);
  if (range.min !== undefined && value < range.min) throw new UsageError(`${name} must be at least ${range.min}.`);
  return value;
}

export function oneOf<T extends string>(raw: string | undefined, name: string, allowed: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw new UsageError(`${name} must be one of ${allowed.join(', ')}; got "${raw}".`);
  return raw as T;
}
