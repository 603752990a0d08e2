import { CliError } from '../CliError';
import { type CommandContext, printResult } from '../CommandContext';

const HOUR_MS = 3_600_000;
const UNITS: Record<string, number> = { h: HOUR_MS, d: 24 * HOUR_MS };
const AGE = /^(\d+)([hd])$/;

/**
 * An age such as `12h`, `7d` or `30d`, in ms; anything else is a usage error (exit 2) naming
 * the flag and the forms, so a typo never prunes with a cutoff the user did not mean.
 */
export function parseAge(value: string): number {
  const match = AGE.exec(value.trim());
  const ms = match ? Number(match[1]) * UNITS[match[2]] : Number.NaN;
  if (!match || !(ms > 0) || !Number.isSafeInteger(ms))
    throw new CliError(
      `--older-than '${value}' is not an age: write a whole number above 0 followed by h (hours) or d (days), e.g. 12h, 7d or 30d`,
      2,
    );
  return ms;
}

/**
 * `mlops log prune --older-than 30d`: removes the prediction log's whole units holding only
 * records older than the cutoff, through the store's reader: day partitions on PostgreSQL
 * (`DROP TABLE`), writer segments on the filesystem (a live segment stays). Prints what went.
 */
export async function logPrune(context: CommandContext, options: { olderThan: string }): Promise<object> {
  const olderThan = new Date(Date.now() - parseAge(options.olderThan));
  const stores = await context.stores();
  const { removed } = await stores.predictionLog.prune({ olderThan });
  const unit = stores.kind === 'postgres' ? 'partition' : 'segment';
  const result = { store: stores.kind, older_than: olderThan.toISOString(), removed };
  printResult(
    context,
    result,
    removed.length
      ? `removed ${removed.length} ${unit}${removed.length > 1 ? 's' : ''} of the prediction log older than ${result.older_than}:\n${removed.map((name) => `  ${name}`).join('\n')}`
      : `nothing in the prediction log is older than ${result.older_than}: nothing removed`,
  );
  return result;
}
