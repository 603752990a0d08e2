import { openRegistry, type VersionRecord } from '@mlops/registry';
import { CliError } from '../CliError';
import { type CommandContext, printResult } from '../CommandContext';

/** `mlops models list [name]`: every model, or every version of one. */
export async function listModels(context: CommandContext, name?: string): Promise<object> {
  const registry = openRegistry(context.config.home);
  const names = name ? [name] : await registry.listModels();
  const models = await Promise.all(
    names.map(async (model) => ({ name: model, versions: await registry.listVersions(model) })),
  );
  const lines = models.flatMap((model) =>
    model.versions.map(
      (v) => `${model.name} v${v.version}  ${v.kind.padEnd(18)} ${headline(v)}  ${v.aliases.join(',')}`,
    ),
  );
  const result = { models: models.map((m) => ({ name: m.name, versions: m.versions.map(summary) })) };
  printResult(
    context,
    result,
    lines.length ? lines.join('\n') : 'the registry is empty: run `pnpm mlops train --name …`',
  );
  return result;
}

/** `mlops models show <name> [--version V | --alias A]`. */
export async function showModel(
  context: CommandContext,
  name: string,
  ref: { version?: number; alias?: string },
): Promise<object> {
  const registry = openRegistry(context.config.home);
  const version = await registry.resolve(
    name,
    ref.version ? { version: ref.version } : { alias: ref.alias ?? 'production' },
  );
  const record = await registry.getVersion(name, version);
  printResult(context, record, JSON.stringify(record, null, 2));
  return record;
}

/** `mlops models promote <name> <version> [--force] [--reason R]`. */
export async function promoteModel(
  context: CommandContext,
  name: string,
  version: number,
  options: { force?: boolean; reason?: string },
): Promise<object> {
  if (!Number.isInteger(version) || version < 1)
    throw new CliError(`version must be a positive integer, got ${version}`);
  const entry = await openRegistry(context.config.home).promote(name, version, options);
  printResult(
    context,
    entry,
    `${name}: production ${entry.from ?? 'none'} → ${entry.to}${entry.forced ? ' (forced)' : ''}`,
  );
  return entry;
}

/** `mlops models rollback <name> [--reason R]`. */
export async function rollbackModel(
  context: CommandContext,
  name: string,
  options: { reason?: string },
): Promise<object> {
  const entry = await openRegistry(context.config.home).rollback(name, options);
  printResult(context, entry, `${name}: production rolled back ${entry.from} → ${entry.to}`);
  return entry;
}

function summary(v: VersionRecord) {
  return {
    version: v.version,
    kind: v.kind,
    created_at: v.createdAt,
    aliases: v.aliases,
    metrics: v.metrics,
    gate: v.gate,
  };
}

function headline(v: VersionRecord): string {
  const key = v.task === 'regression' ? 'r2' : 'roc_auc';
  const value = v.metrics[key];
  return typeof value === 'number' ? `${key}=${value.toFixed(4)}` : '';
}
