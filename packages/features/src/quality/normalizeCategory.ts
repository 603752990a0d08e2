/**
 * The canonical spelling of a category: trimmed and lower-cased, so " Books",
 * "BOOKS" and "books" are one value. The quality gate applies it to categorical
 * features; apply it to incoming values at serving time too, so they match.
 */
export function normalizeCategory(value: string): string {
  return value.trim().toLowerCase();
}
