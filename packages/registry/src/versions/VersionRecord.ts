import type { BaselineProfile, ColumnSpec } from '@mlops/features';
import type { Metrics, ModelDocument } from '@mlops/models';

/** The result of a version's quality gate. */
export interface GateResult {
  passed: boolean;
  /** One line per rule checked, e.g. `roc_auc 0.84 > baseline 0.50: ok`. */
  checks: string[];
}

/** What a caller hands the registry to store as a new version. */
export interface NewVersion {
  model: ModelDocument;
  features: ColumnSpec[];
  profile: BaselineProfile;
  metrics: Metrics;
  baselineMetrics: Metrics;
  params: Record<string, number>;
  /** sha256 of the training data's content. */
  dataHash: string;
  dataRows: number;
  /** Git commit of the code that trained it, when known. */
  codeVersion?: string;
  seed: number;
  tags?: Record<string, string>;
  description?: string;
  gate: GateResult;
  /** Experiment run that produced it. */
  runId?: string;
}

/** A stored version's metadata (without the large model and profile documents). */
export interface VersionRecord {
  name: string;
  version: number;
  kind: string;
  task: string;
  createdAt: string;
  metrics: Metrics;
  baselineMetrics: Metrics;
  params: Record<string, number>;
  dataHash: string;
  dataRows: number;
  codeVersion?: string;
  seed: number;
  tags: Record<string, string>;
  description: string;
  gate: GateResult;
  runId?: string;
  /** Aliases now pointing at this version. */
  aliases: string[];
  archived: boolean;
}

/** Where a caller points: a version number or an alias such as `production`. */
export type VersionRef = { version: number } | { alias: string };
