/**
 * Typed access to GGUF metadata values. Converters are lenient about the integer width a
 * converter chose (u32 vs i32 vs u64) because real files differ, and strict about kind.
 */
import type { GgufValue } from './gguf-format';

export type Metadata = ReadonlyMap<string, GgufValue>;

/** A number for any numeric scalar (bigints converted when safe); undefined otherwise. */
export function metaNumber(metadata: Metadata, key: string): number | undefined {
  return toNumber(metadata.get(key));
}

/**
 * Some architectures store per-layer values (e.g. head counts) as arrays; the largest
 * entry is the one that matters for sizing.
 */
export function metaNumberOrMax(metadata: Metadata, key: string): number | undefined {
  const value = metadata.get(key);
  if (!Array.isArray(value)) return toNumber(value as GgufValue | undefined);
  const numbers = value.map(toNumber).filter((n): n is number => n !== undefined);
  return numbers.length ? Math.max(...numbers) : undefined;
}

export function metaString(metadata: Metadata, key: string): string | undefined {
  const value = metadata.get(key);
  return typeof value === 'string' ? value : undefined;
}

export function metaBool(metadata: Metadata, key: string): boolean | undefined {
  const value = metadata.get(key);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  return undefined;
}

export function metaArrayLength(metadata: Metadata, key: string): number | undefined {
  const value = metadata.get(key);
  return Array.isArray(value) ? value.length : undefined;
}

export function metaNumberArray(metadata: Metadata, key: string): number[] | undefined {
  const value = metadata.get(key);
  if (!Array.isArray(value)) return undefined;
  const numbers = value.map(toNumber);
  return numbers.every((n) => n !== undefined) ? (numbers as number[]) : undefined;
}

function toNumber(value: GgufValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER)) {
    return Number(value);
  }
  return undefined;
}
