import { defaultGate, evaluateGate, parseGate } from './qualityGate';

test('parses rules against numbers and the baseline', () => {
  expect(parseGate('f1 >= 0.6, roc_auc > baseline')).toEqual([
    { metric: 'f1', op: '>=', value: 0.6 },
    { metric: 'roc_auc', op: '>', value: 'baseline' },
  ]);
});

test('a rule that does not parse is an error naming it', () => {
  expect(() => parseGate('f1 => 0.6')).toThrow(/gate rule 'f1 => 0.6' does not parse/);
});

test('passes only when every rule holds, and reports each', () => {
  const rules = parseGate('f1 >= 0.6, roc_auc > baseline');
  expect(evaluateGate(rules, { f1: 0.7, roc_auc: 0.8 }, { f1: 0, roc_auc: 0.5 })).toEqual({
    passed: true,
    checks: ['f1 0.7000 >= 0.6000: ok', 'roc_auc 0.8000 > baseline 0.5000: ok'],
  });
  const failed = evaluateGate(rules, { f1: 0.5, roc_auc: 0.8 }, { f1: 0, roc_auc: 0.5 });
  expect(failed.passed).toBe(false);
  expect(failed.checks[0]).toBe('f1 0.5000 >= 0.6000: FAILED');
  expect(evaluateGate(parseGate('r2 > 0.5'), { f1: 1 }, {}).passed).toBe(false);
});

test("the default gate beats the baseline on the task's own metrics", () => {
  expect(defaultGate('regression').map((r) => r.metric)).toEqual(['r2']);
  expect(defaultGate('binary').map((r) => r.metric)).toEqual(['roc_auc', 'f1']);
  expect(defaultGate('multiclass').map((r) => r.metric)).toEqual(['roc_auc', 'f1_macro']);
});
