/**
 * @module serve/data/values
 * Row values as JSON wants them, whichever engine produced them: DuckDB and PostgreSQL return
 * dates, bigints and numerics in different JS types.
 */

/** `YYYY-MM-DD` of a DATE column (a Date, or a string starting with one). */
export function isoDate(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

/** ISO timestamp of a TIMESTAMPTZ column, or null. */
export function isoTime(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const d = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(d.getTime()) ? String(value) : d.toISOString();
}

/** A number column (bigint and numeric strings included), or null. */
export function numOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A JSON column as an object (DuckDB and pg return JSON as text or parsed). */
export function jsonValue(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
