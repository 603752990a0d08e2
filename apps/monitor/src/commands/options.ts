import { type DriftTest, driftTests, pValueTests } from '@mlops/drift';
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { parseWindow, type WindowSpec } from '../check/timeWindow';

/** `--test`: one list of names for `run` and `drift`, from `@mlops/drift`'s `driftTests`. */
export function testOption(): Option {
  return new Option(
    '--test <test>',
    'one test for every column instead of the default choice; a column it does not fit gets its counterpart (ks, zscore → chi2 and wasserstein → jensenshannon on categorical columns)',
  ).choices(driftTests as DriftTest[]);
}

/** `--json`: the result as one JSON object on the last stdout line. */
export function jsonOption(): Option {
  return new Option('--json', 'print the result as one JSON object on the last line of stdout');
}

export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError(`'${value}' is not a positive integer.`);
  return parsed;
}

export function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (!(parsed > 0)) throw new InvalidArgumentError(`'${value}' is not a positive number.`);
  return parsed;
}

export function isoTime(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidArgumentError(`'${value}' is not a time: use ISO 8601, e.g. 2026-01-31T00:00:00Z`);
  return date;
}

export function windowOption(value: string): WindowSpec {
  const window = parseWindow(value);
  if (!window)
    throw new InvalidArgumentError(`'${value}' is not a window: use 30m, 1h, 1d, 7d or a number of rows`);
  return window;
}

/** An interval such as 30s, 5m or 1h, in milliseconds. */
export function duration(value: string): number {
  const match = /^(\d+)(ms|s|m|h)$/.exec(value.trim());
  if (!match || Number(match[1]) <= 0)
    throw new InvalidArgumentError(`'${value}' is not an interval: use e.g. 30s, 5m or 1h`);
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
}

/** A comma-separated list, blanks dropped. */
export function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A number as the CLI prints it: 4 significant digits, non-finite values as they are. */
export const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));

/**
 * Refuses a `--threshold` that cannot be read under `--test`: a p-value test
 * drifts when p < threshold, so a threshold of 1 or more would flag every column.
 */
export function checkThreshold(
  command: Command,
  test: DriftTest | undefined,
  threshold: number | undefined,
): void {
  if (test === undefined || threshold === undefined || !pValueTests.has(test) || threshold < 1) return;
  command.error(
    `error: --threshold ${threshold} is not a p-value: with --test ${test} a column drifts when p < threshold; give a value below 1, e.g. 0.05`,
    { exitCode: 3, code: 'monitor.threshold' },
  );
}
