import type { Metrics } from '@mlops/models';
import { RegistryError } from '../errors';
import type { GateResult } from './VersionRecord';

/** One rule of a gate: `metric op value`, where value may be the trivial baseline's. */
export interface GateRule {
  metric: string;
  op: '>=' | '>' | '<=' | '<';
  value: number | 'baseline';
}

const RULE = /^\s*([a-z0-9_]+)\s*(>=|<=|>|<)\s*(baseline|[-+]?\d*\.?\d+(?:e[-+]?\d+)?)\s*$/i;

/**
 * Parses gate rules written as `f1 >= 0.6, roc_auc > baseline`. A rule that does
 * not parse is an error naming it, never a silently open gate.
 */
export function parseGate(text: string): GateRule[] {
  return text
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const match = RULE.exec(part);
      if (!match) {
        throw new RegistryError(
          'bad-gate',
          `gate rule '${part.trim()}' does not parse: write 'metric op value', e.g. 'f1 >= 0.6' or 'r2 > baseline'`,
        );
      }
      const value = match[3].toLowerCase() === 'baseline' ? 'baseline' : Number(match[3]);
      return { metric: match[1], op: match[2] as GateRule['op'], value };
    });
}

/** The default gate per task: beat the trivial baseline on the main ranking and class metrics. */
export function defaultGate(task: string): GateRule[] {
  if (task === 'regression') return [{ metric: 'r2', op: '>', value: 'baseline' }];
  const f1 = task === 'multiclass' ? 'f1_macro' : 'f1';
  return [
    { metric: 'roc_auc', op: '>', value: 'baseline' },
    { metric: f1, op: '>', value: 'baseline' },
  ];
}

/** Checks metrics against gate rules; every rule is reported, passed or not. */
export function evaluateGate(rules: readonly GateRule[], metrics: Metrics, baseline: Metrics): GateResult {
  const checks: string[] = [];
  let passed = true;
  for (const rule of rules) {
    const actual = metrics[rule.metric];
    const limit = rule.value === 'baseline' ? baseline[rule.metric] : rule.value;
    if (typeof actual !== 'number' || typeof limit !== 'number') {
      checks.push(`${rule.metric}: not measured for this model`);
      passed = false;
      continue;
    }
    const ok =
      rule.op === '>='
        ? actual >= limit
        : rule.op === '>'
          ? actual > limit
          : rule.op === '<='
            ? actual <= limit
            : actual < limit;
    passed &&= ok;
    const shown = rule.value === 'baseline' ? `baseline ${format(limit)}` : format(limit);
    checks.push(`${rule.metric} ${format(actual)} ${rule.op} ${shown}: ${ok ? 'ok' : 'FAILED'}`);
  }
  return { passed, checks };
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}
