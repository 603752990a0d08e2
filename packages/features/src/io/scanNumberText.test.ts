import { createRng } from '../random/createRng';
import { scanNumberText } from './scanNumberText';

// The grammar the reader has always used for numeric cells.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function agreesWithStringAndRegex(text: string): boolean {
  const found = scanNumberText(text);
  if ((found !== 'not-a-number') !== NUMBER.test(text)) return false;
  // 'shortest' is a promise; 'other-spelling' only means "compare to be sure".
  return found !== 'shortest' || String(Number(text)) === text;
}

test('classifies the spellings people write', () => {
  const cases: Record<string, string> = {
    '0': 'shortest',
    '-1': 'shortest',
    '63.71': 'shortest',
    '0.000001': 'shortest',
    '123456789012345': 'shortest',
    '-0': 'other-spelling',
    '+1': 'other-spelling',
    '007': 'other-spelling',
    '1.50': 'other-spelling',
    '1.': 'other-spelling',
    '.5': 'other-spelling',
    '1e3': 'other-spelling',
    '0.0000001': 'other-spelling',
    '1234567890123456': 'other-spelling',
    '': 'not-a-number',
    '-': 'not-a-number',
    '.': 'not-a-number',
    '1e': 'not-a-number',
    '1,063.71': 'not-a-number',
    NaN: 'not-a-number',
    Infinity: 'not-a-number',
    '0x10': 'not-a-number',
  };
  for (const [text, expected] of Object.entries(cases))
    expect([text, scanNumberText(text)]).toEqual([text, expected]);
});

test('agrees with the number grammar and with String() on generated texts', () => {
  const rng = createRng(7);
  const chars = '0123456789.-+eE';
  const failures: string[] = [];
  for (let k = 0; k < 100_000; k += 1) {
    let text = '';
    const length = 1 + rng.int(8);
    for (let j = 0; j < length; j += 1) text += chars[rng.int(rng.next() < 0.7 ? 10 : chars.length)];
    if (!agreesWithStringAndRegex(text)) failures.push(text);
    const x = (rng.next() - 0.5) * 10 ** (rng.int(40) - 20);
    for (const spelled of [String(x), x.toFixed(rng.int(8)), x.toPrecision(1 + rng.int(17))])
      if (!agreesWithStringAndRegex(spelled)) failures.push(spelled);
  }
  expect(failures).toEqual([]);
});
