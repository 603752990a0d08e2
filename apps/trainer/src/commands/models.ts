import { defaultGate, formatRule, RegistryError, type VersionRecord } from '@mlops/registry';
import { CliError } from '../CliError';
import { type CommandContext, printResult } from '../CommandContext';
import { gateSummary } from './gateSummary';

/** `mlops models list [name]`: every model, or every version of one. */
export async function listModels(context: CommandContext, name?: string): Promise<object> {
  const registry = (await context.stores()).registry;
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
  const registry = (await context.stores()).registry;
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
  const registry = (await context.stores()).registry;
  try {
    const entry = await registry.promote(name, version, options);
    const lines = [
      `${name}: production ${entry.from ?? 'none'} → ${entry.to}${entry.forced ? ' (forced)' : ''}`,
    ];
    if (entry.gate) lines.push(...gateSummary(entry.gate, entry.forced && !entry.gate.passed));
    printResult(context, entry, lines.join('\n'));
    return entry;
  } catch (error) {
    if (!(error instanceof RegistryError && error.code === 'gate-failed')) throw error;
    // The refusal is in the audit log with its evaluation: show it, and exit 3 as train does.
    const refusal = (await registry.readAudit(name)).at(-1);
    if (!context.json && refusal?.gate)
      context.stderr.write(`${gateSummary(refusal.gate, true).join('\n')}\n`);
    throw new CliError(error.message, 3, refusal, 'not promoted');
  }
}

/** `mlops models rollback <name> [--reason R]`. */
export async function rollbackModel(
  context: CommandContext,
  name: string,
  options: { reason?: string },
): Promise<object> {
  const entry = await (await context.stores()).registry.rollback(name, options);
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

/** `mlops models archive <name> <version> [--reason R]`. */
export async function archiveModel(
  context: CommandContext,
  name: string,
  version: number,
  options: { reason?: string },
) {
  const entry = await (await context.stores()).registry.archive(name, version, options);
  printResult(context, entry, `${name} v${version} archived`);
  return entry;
}

/** `mlops models alias <name> <alias> <version>`: point any alias (e.g. staging) at a version. */
export async function setModelAlias(
  context: CommandContext,
  name: string,
  alias: string,
  version: number,
  options: { reason?: string; force?: boolean },
) {
  const entry = await (await context.stores()).registry.setAlias(name, alias, version, options);
  printResult(context, entry, `${name}: ${alias} ${entry.from ?? 'none'} → ${entry.to}`);
  return entry;
}

/** `mlops models gate <name> [rules]`: show or set the model's promotion gate. */
export async function modelGate(context: CommandContext, name: string, rules?: string) {
  const registry = (await context.stores()).registry;
  if (rules !== undefined) await registry.setGate(name, rules);
  const gate = (await registry.storedGate(name)) ?? null;
  const versions = await registry.listVersions(name);
  const applied = gate ?? defaultGate(versions.at(-1)!.task).map(formatRule).join(', ');
  printResult(
    context,
    { name, gate, applied },
    gate ? `${name} gate: ${gate}` : `${name} has no gate of its own; the default applies: ${applied}`,
  );
  return { name, gate, applied };
}

/** `mlops models audit <name>`: every alias move. */
export async function modelAudit(context: CommandContext, name: string) {
  const entries = await (await context.stores()).registry.readAudit(name);
  const lines = entries.map(
    (e) =>
      `${e.time}  ${e.actor.padEnd(10)} ${e.action.padEnd(9)} ${e.alias.padEnd(11)} ${e.from ?? '-'} → ${e.to ?? '-'}${e.forced ? ' FORCED' : ''}  ${e.reason}`,
  );
  printResult(context, { entries }, lines.join('\n') || 'no alias moves yet');
  return { entries };
}
