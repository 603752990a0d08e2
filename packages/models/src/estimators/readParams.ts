import { ModelsError } from '../errors';

/** How one numeric hyperparameter is checked. */
export interface ParamSpec {
  default: number;
  min?: number;
  max?: number;
  /** Whether `min` itself is excluded. @default false */
  exclusiveMin?: boolean;
  integer?: boolean;
  /** Other names accepted for it (e.g. `n_estimators` for `max_iter`). */
  aliases?: readonly string[];
}

/** The parameters an estimator's `fit` takes, from its spec: any of the spec's names, each a number. */
export type ParamsOf<Spec> = Partial<Record<keyof Spec, number>>;

/**
 * Reads `params` (as the CLI's `--param key=value` gives them) against `spec`: fills
 * defaults, and throws a `bad-params` error naming the model, the parameter and the
 * allowed range for an unknown name or a value out of range.
 */
export function readParams<K extends string>(
  kind: string,
  params: Readonly<Record<string, number>>,
  spec: Readonly<Record<K, ParamSpec>>,
): Record<K, number> {
  const names = Object.keys(spec) as K[];
  const byName = new Map<string, K>();
  for (const name of names) {
    byName.set(name, name);
    for (const alias of spec[name].aliases ?? []) byName.set(alias, name);
  }
  const result = {} as Record<K, number>;
  for (const name of names) result[name] = spec[name].default;
  for (const [given, value] of Object.entries(params)) {
    const name = byName.get(given);
    if (!name) {
      throw new ModelsError(
        'bad-params',
        `${kind} has no parameter '${given}': it accepts ${names.join(', ')}`,
      );
    }
    const rule = spec[name];
    const belowMin =
      rule.min !== undefined && (rule.exclusiveMin ? !(value > rule.min) : !(value >= rule.min));
    const aboveMax = rule.max !== undefined && !(value <= rule.max);
    if (
      typeof value !== 'number' ||
      Number.isNaN(value) ||
      belowMin ||
      aboveMax ||
      (rule.integer && !Number.isInteger(value) && Number.isFinite(value))
    ) {
      const range = `${rule.min === undefined ? '' : `${rule.exclusiveMin ? '>' : '>='} ${rule.min}`}${rule.max === undefined ? '' : ` and <= ${rule.max}`}`;
      throw new ModelsError(
        'bad-params',
        `${kind} parameter '${given}' must be ${rule.integer ? 'an integer ' : 'a number '}${range.trim()}, got ${value}`,
      );
    }
    result[name] = value;
  }
  return result;
}
