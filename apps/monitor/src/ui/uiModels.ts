import {
  type AuditEntry,
  defaultGate,
  formatRule,
  isModelName,
  type ModelRegistry,
  type VersionRecord,
} from '@mlops/registry';
import { MonitorError } from '../errors';
import { lastDriftLevel } from './lastDriftLevel';
import type { UiAuditEntry, UiModelDetail, UiModelSummary, UiModelsResponse, UiVersion } from './uiTypes';

/** `GET /api/ui/models`: every model of the registry, read as `mlops models list` and `models gate` read it. */
export async function listUiModels(registry: ModelRegistry, home: string): Promise<UiModelsResponse> {
  const names = await registry.listModels();
  const models = await Promise.all(
    names.map(async (name) => modelSummary(registry, home, name, await registry.listVersions(name))),
  );
  return { models };
}

/**
 * `GET /api/ui/models/:name`: the model's summary, its versions newest first, and
 * its audit trail. A name that breaks the registry's rule is `bad-model-name` (400),
 * one the registry does not hold `unknown-model` (404), each a one-line message.
 */
export async function uiModelDetail(
  registry: ModelRegistry,
  home: string,
  name: string,
): Promise<UiModelDetail> {
  await requireUiModel(registry, name);
  const [versions, audit] = await Promise.all([registry.listVersions(name), registry.readAudit(name)]);
  return {
    model: await modelSummary(registry, home, name, versions),
    versions: versions.map(uiVersion).reverse(),
    audit: audit.map(uiAuditEntry),
  };
}

/**
 * Throws `bad-model-name` (400) unless `name` follows the registry's rule, and
 * `unknown-model` (404, naming the models) unless the registry holds it.
 */
export async function requireUiModel(registry: ModelRegistry, name: string): Promise<void> {
  if (!isModelName(name)) {
    throw new MonitorError(
      'bad-model-name',
      `${JSON.stringify(name)} is not a model name: use 1-64 lowercase letters, digits, '-' or '_', starting with a letter or digit`,
    );
  }
  const names = await registry.listModels();
  if (!names.includes(name)) {
    throw new MonitorError(
      'unknown-model',
      `no model named '${name}' in the registry (models: ${names.join(', ') || 'none'})`,
      { models: names },
    );
  }
}

async function modelSummary(
  registry: ModelRegistry,
  home: string,
  name: string,
  versions: readonly VersionRecord[],
): Promise<UiModelSummary> {
  const [state, gate, lastDrift] = await Promise.all([
    registry.readAliases(name),
    registry.storedGate(name),
    lastDriftLevel(home, name),
  ]);
  const task = versions.at(-1)?.task ?? 'unknown';
  return {
    name,
    task,
    versions: versions.length,
    production_version: state.aliases.production ?? null,
    aliases: { ...state.aliases },
    archived_versions: versions.filter((v) => v.archived).map((v) => v.version),
    gate: gate ?? null,
    gate_applied: gate ?? defaultGate(task).map(formatRule).join(', '),
    last_drift: lastDrift,
  };
}

function uiVersion(v: VersionRecord): UiVersion {
  const production = v.gate.production;
  return {
    version: v.version,
    kind: v.kind,
    created_at: v.createdAt,
    aliases: v.aliases,
    production: v.aliases.includes('production'),
    archived: v.archived,
    metrics: numbersOf(v.metrics),
    baseline_metrics: numbersOf(v.baselineMetrics),
    production_comparison: production
      ? {
          version: production.version,
          metrics: numbersOf(production.metrics),
          rows: production.rows,
          same_rows: production.sameRows,
          error: production.error ?? null,
        }
      : null,
    gate: {
      passed: v.gate.passed,
      checks: v.gate.checks,
      rules: (v.gate.rules ?? []).map((r) => ({
        rule: r.rule,
        value: r.value,
        threshold: r.threshold,
        against: r.against,
        passed: r.passed,
        note: r.note ?? null,
      })),
    },
    data_hash: v.dataHash,
    data_rows: v.dataRows,
    params: v.params,
    seed: v.seed,
    run_id: v.runId ?? null,
  };
}

/** An audit entry as the UI shows it. */
export function uiAuditEntry(e: AuditEntry): UiAuditEntry {
  return {
    time: e.time,
    actor: e.actor,
    action: e.action,
    alias: e.alias,
    from: e.from,
    to: e.to,
    reason: e.reason,
    forced: e.forced,
    gate_passed: e.gate ? e.gate.passed : null,
  };
}

/** Scalar metrics only: a confusion matrix is not a table cell. */
function numbersOf(metrics: Readonly<Record<string, unknown>>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(metrics).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
  );
}
