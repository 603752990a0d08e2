import type { Task } from '@mlops/features';
import { type Metrics, numericMetrics, primaryMetric } from '@mlops/models';
import { RegistryError } from '../errors';
import type { GateCheck, GateResult, ProductionComparison } from './VersionRecord';

/**
 * One rule of a gate: `metric op value`, where the value is a number, the trivial
 * baseline's metric, or the production version's metric on the same held-out rows,
 * optionally with a margin (`roc_auc >= production + 0.005`).
 */
export interface GateRule {
  metric: string;
  op: '>=' | '>' | '<=' | '<';
  value: number | 'baseline' | 'production';
  /** Added to the baseline's or production's value. @default 0 */
  margin?: number;
}

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?`;
const RULE = new RegExp(
  String.raw`^\s*([a-z0-9_]+)\s*(>=|<=|>|<)\s*(?:(baseline|production)(?:\s*([-+])\s*(${NUMBER}))?|(${NUMBER}))\s*$`,
  'i',
);

/**
 * Parses gate rules written as `f1 >= 0.6, roc_auc > baseline, r2 >= production - 0.01`.
 * A rule that does not parse is an error naming it, never a silently open gate.
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
          `gate rule '${part.trim()}' does not parse: write 'metric op value', e.g. 'f1 >= 0.6', 'r2 > baseline' or 'roc_auc >= production + 0.005'`,
        );
      }
      const op = match[2] as GateRule['op'];
      if (match[6] !== undefined) return { metric: match[1], op, value: Number(match[6]) };
      const value = match[3].toLowerCase() as 'baseline' | 'production';
      const margin = match[5] === undefined ? 0 : Number(match[5]) * (match[4] === '-' ? -1 : 1);
      return margin === 0 ? { metric: match[1], op, value } : { metric: match[1], op, value, margin };
    });
}

/** A rule written back as text, as `parseGate` reads it. */
export function formatRule(rule: GateRule): string {
  const margin = rule.margin ? ` ${rule.margin > 0 ? '+' : '-'} ${Math.abs(rule.margin)}` : '';
  return `${rule.metric} ${rule.op} ${rule.value}${typeof rule.value === 'number' ? '' : margin}`;
}

/**
 * The default gate of a task: beat the trivial baseline on the ranking and class
 * metrics, and be no worse than production on the task's primary metric (ROC-AUC,
 * F1-macro or R²) measured on the candidate's own held-out rows.
 */
export function defaultGate(task: Task | string): GateRule[] {
  const primary = primaryMetric(task as Task);
  if (task === 'regression')
    return [
      { metric: 'r2', op: '>', value: 'baseline' },
      { metric: 'r2', op: '>=', value: 'production' },
    ];
  const f1 = task === 'multiclass' ? 'f1_macro' : 'f1';
  return [
    { metric: 'roc_auc', op: '>', value: 'baseline' },
    { metric: f1, op: '>', value: 'baseline' },
    { metric: primary, op: '>=', value: 'production' },
  ];
}

/**
 * Checks metrics against gate rules; every rule is reported, passed or not. Rules
 * on `production` pass when there is no production version yet, and fail when
 * production could not be scored on the same rows (the reason is in the check).
 */
export function evaluateGate(
  rules: readonly GateRule[],
  metrics: Metrics,
  baseline: Metrics,
  production?: ProductionComparison | null,
): GateResult {
  const details = rules.map((rule) => checkRule(rule, metrics, baseline, production ?? null));
  return {
    passed: details.every((check) => check.passed),
    checks: details.map(describeCheck),
    rules: details,
    baseline: numericMetrics(baseline),
    production: production ?? null,
    evaluatedAt: new Date().toISOString(),
  };
}

function checkRule(
  rule: GateRule,
  metrics: Metrics,
  baseline: Metrics,
  production: ProductionComparison | null,
): GateCheck {
  const text = formatRule(rule);
  const actual = metrics[rule.metric];
  const check: GateCheck = {
    rule: text,
    metric: rule.metric,
    op: rule.op,
    value: typeof actual === 'number' ? actual : null,
    threshold: null,
    against: typeof rule.value === 'number' ? 'value' : rule.value,
    passed: false,
  };
  if (typeof actual !== 'number') return { ...check, note: `${rule.metric} is not measured for this model` };
  let reference: unknown;
  if (rule.value === 'production') {
    if (!production) return { ...check, passed: true, note: 'no production version yet' };
    if (production.error) return { ...check, note: `production v${production.version} ${production.error}` };
    reference = production.metrics[rule.metric];
    check.version = production.version;
  } else {
    reference = rule.value === 'baseline' ? baseline[rule.metric] : rule.value;
  }
  if (typeof reference !== 'number')
    return {
      ...check,
      note: `${rule.metric} is not measured for the ${rule.value === 'production' ? 'production version' : 'baseline'}`,
    };
  const limit = reference + (typeof rule.value === 'number' ? 0 : (rule.margin ?? 0));
  const passed =
    rule.op === '>='
      ? actual >= limit
      : rule.op === '>'
        ? actual > limit
        : rule.op === '<='
          ? actual <= limit
          : actual < limit;
  return { ...check, threshold: limit, passed };
}

/** One line per check, e.g. `roc_auc 0.8416 >= production v1 0.8658: FAILED`. */
export function describeCheck(check: GateCheck): string {
  if (check.value === null || check.threshold === null) {
    return `${check.rule}: ${check.passed ? 'skipped' : 'FAILED'} (${check.note ?? 'not measured'})`;
  }
  const against = check.against === 'production' ? `production v${check.version}` : check.against;
  const reference =
    check.against === 'value' ? format(check.threshold) : `${against} ${format(check.threshold)}`;
  return `${check.metric} ${format(check.value)} ${check.op} ${reference}: ${check.passed ? 'ok' : 'FAILED'}`;
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}
