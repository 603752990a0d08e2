const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const LOWER_E = 101;

/**
 * What {@link scanNumberText} found: not a number; a number in its shortest spelling
 * (`String(Number(text)) === text`, so the text can be given back from the number);
 * or a number written some other way ("1.50", "007", "+1", "1e3", ".5", "-0"), or
 * perhaps so.
 */
export type NumberText = 'not-a-number' | 'shortest' | 'other-spelling';

/**
 * Reads a trimmed CSV cell as a decimal number in one pass, the grammar being
 * `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`. Besides "is it a
 * number", tells whether the text is certainly what `String()` gives back for it, so
 * the reader keeps the text only of the cells that need it without formatting every
 * number (which would cost a third of the read): a plain decimal with at most 15
 * significant digits (then it is the shortest spelling of its double), no leading or
 * trailing zeros, no plus sign, no exponent, not "-0", and not below 1e-6 (which
 * prints with an exponent). Returns 'other-spelling' when unsure; the
 * caller then compares the formatted number.
 */
export function scanNumberText(text: string): NumberText {
  const n = text.length;
  let i = 0;
  let plain = true;
  let c = text.charCodeAt(0);
  if (c === PLUS) {
    plain = false;
    i = 1;
  } else if (c === MINUS) i = 1;
  const signed = i === 1;
  const zeroInteger = text.charCodeAt(i) === ZERO;
  let integerDigits = 0;
  for (; i < n; i += 1) {
    c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) break;
    integerDigits += 1;
  }
  if (zeroInteger && integerDigits > 1) plain = false;
  let significant = zeroInteger ? 0 : integerDigits;
  let fractionDigits = 0;
  let leadingZeros = 0;
  if (i < n && text.charCodeAt(i) === DOT) {
    let lastZero = false;
    for (i += 1; i < n; i += 1) {
      c = text.charCodeAt(i);
      if (c < ZERO || c > NINE) break;
      fractionDigits += 1;
      lastZero = c === ZERO;
      if (significant === 0 && lastZero) leadingZeros += 1;
      else significant += 1;
    }
    if (fractionDigits === 0 || integerDigits === 0 || lastZero) plain = false;
  }
  if (integerDigits === 0 && fractionDigits === 0) return 'not-a-number';
  if (i < n && (text.charCodeAt(i) | 0x20) === LOWER_E) {
    plain = false;
    i += 1;
    c = text.charCodeAt(i);
    if (c === PLUS || c === MINUS) i += 1;
    let exponentDigits = 0;
    for (; i < n; i += 1) {
      c = text.charCodeAt(i);
      if (c < ZERO || c > NINE) break;
      exponentDigits += 1;
    }
    if (exponentDigits === 0) return 'not-a-number';
  }
  if (i !== n) return 'not-a-number';
  // Zero itself: "0" is its own spelling, "-0" prints as "0".
  if (significant === 0) plain = plain && !signed && fractionDigits === 0;
  else plain = plain && significant <= 15 && !(zeroInteger && leadingZeros >= 6);
  return plain ? 'shortest' : 'other-spelling';
}
