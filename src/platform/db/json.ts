/**
 * JSON kept as text in a column (the house rule: portable across SQLite and PostgreSQL): the reading of a stored
 * array, forgiving of a null, an empty text or a damaged value (an empty array, never an exception in a mapper).
 */
export function jsonArray<T>(text: string | null | undefined): T[] {
  if (!text) return [];
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}
