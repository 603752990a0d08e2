const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Whether a (trimmed) cell of text is a plain number as CSV readers parse one:
 * `12`, `-0.5`, `1e-3`. Thousands separators (`1,063.71`) and units are not.
 */
export function isNumberText(text: string): boolean {
  return NUMBER.test(text);
}
