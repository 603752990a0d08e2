import { defaultGate, evaluateGate, formatRule, parseGate } from './promotionGate';

test('parses rules against numbers and the baseline', () => {
  expect(parseGate('f1 >= 0.6, roc_auc > baseline')).toEqual([
    { metric: 'f1', op: '>=', value: 0.6 },
    { metric: 'roc_auc', op: '>', value: 'baseline' },
  ]);
});

test('a rule that does not parse is an error naming it', () => {
  expect(() => parseGate('f1 => 0.6')).toThrow(/gate rule 'f1 => 0.6' does not parse/);
});

test('parses rules against production, with a margin either way', () => {
  expect(
    parseGate(
      'roc_auc >= production + 0.005, r2 > production-0.01, f1 >= production, rmse <= baseline - 1e-3',
    ),
  ).toEqual([
    { metric: 'roc_auc', op: '>=', value: 'production', margin: 0.005 },
    { metric: 'r2', op: '>', value: 'production', margin: -0.01 },
    { metric: 'f1', op: '>=', value: 'production' },
    { metric: 'rmse', op: '<=', value: 'baseline', margin: -0.001 },
  ]);
  expect(() => parseGate('f1 >= production * 2')).toThrow(/does not parse/);
});

test('rules on production compare with its metrics on the same rows; with no production they pass', () => {
  const rules = parseGate('roc_auc >= production + 0.005');
  const production = { version: 3, metrics: { roc_auc: 0.85 }, rows: 200, sameRows: true };
  const worse = evaluateGate(rules, { roc_auc: 0.852 }, {}, production);
  expect(worse.passed).toBe(false);
  expect(worse.checks).toEqual(['roc_auc 0.8520 >= production v3 0.8550: FAILED']);
  expect(worse.rules?.[0]).toMatchObject({ value: 0.852, against: 'production', version: 3, passed: false });
  expect(worse.rules?.[0].threshold).toBeCloseTo(0.855, 12);
  expect(evaluateGate(rules, { roc_auc: 0.86 }, {}, production).passed).toBe(true);
  const first = evaluateGate(rules, { roc_auc: 0.6 }, {}, undefined);
  expect(first.passed).toBe(true);
  expect(first.checks).toEqual(['roc_auc >= production + 0.005: skipped (no production version yet)']);
});

test('passes only when every rule holds, and reports each', () => {
  const rules = parseGate('f1 >= 0.6, roc_auc > baseline');
  expect(evaluateGate(rules, { f1: 0.7, roc_auc: 0.8 }, { f1: 0, roc_auc: 0.5 })).toMatchObject({
    passed: true,
    checks: ['f1 0.7000 >= 0.6000: ok', 'roc_auc 0.8000 > baseline 0.5000: ok'],
    baseline: { f1: 0, roc_auc: 0.5 },
    production: null,
  });
  const failed = evaluateGate(rules, { f1: 0.5, roc_auc: 0.8 }, { f1: 0, roc_auc: 0.5 });
  expect(failed.passed).toBe(false);
  expect(failed.checks[0]).toBe('f1 0.5000 >= 0.6000: FAILED');
  expect(evaluateGate(parseGate('r2 > 0.5'), { f1: 1 }, {}).passed).toBe(false);
});

test("the default gate beats the baseline and is no worse than production on the task's primary metric", () => {
  const written = (task: string) => defaultGate(task).map(formatRule);
  expect(written('regression')).toEqual(['r2 > baseline', 'r2 >= production']);
  expect(written('binary')).toEqual(['roc_auc > baseline', 'f1 > baseline', 'roc_auc >= production']);
  expect(written('multiclass')).toEqual([
    'roc_auc > baseline',
    'f1_macro > baseline',
    'f1_macro >= production',
  ]);
  for (const task of ['regression', 'binary', 'multiclass'])
    expect(parseGate(written(task).join(', '))).toEqual(defaultGate(task));
});
