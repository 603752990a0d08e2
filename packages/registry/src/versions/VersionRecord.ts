import type { BaselineProfile, DataTable } from '@mlops/features';
import type { Metrics, ModelDocument } from '@mlops/models';

/** One rule of a gate as evaluated: the candidate's value, the threshold it met or missed. */
export interface GateCheck {
  /** The rule as written, e.g. `roc_auc >= production + 0.005`. */
  rule: string;
  metric: string;
  op: '>=' | '>' | '<=' | '<';
  /** The candidate's value; null when it is not measured. */
  value: number | null;
  /** What the value was compared with (margin included); null when there was nothing to compare. */
  threshold: number | null;
  against: 'value' | 'baseline' | 'production';
  /** The production version compared with (rules on `production`). */
  version?: number;
  passed: boolean;
  /** Why a rule was skipped or could not be checked. */
  note?: string;
}

/** Production scored on the candidate's held-out rows, for the champion/challenger rules. */
export interface ProductionComparison {
  version: number;
  /** Production's metrics on the same rows (numbers only). */
  metrics: Record<string, number>;
  /** Rows compared on. */
  rows: number;
  /** False when the candidate has no stored test rows and production's registered metrics stand in. */
  sameRows: boolean;
  /** Set when production could not be scored on these rows (the rules on production then fail). */
  error?: string;
}

/** The result of a version's promotion gate. */
export interface GateResult {
  passed: boolean;
  /** One line per rule checked, e.g. `roc_auc 0.84 > baseline 0.50: ok`. */
  checks: string[];
  /** Each rule with its values (absent in versions registered before champion/challenger gates). */
  rules?: GateCheck[];
  /** The trivial baseline's metrics. */
  baseline?: Record<string, number>;
  /** Production at evaluation time, scored on the same rows; null when there was none. */
  production?: ProductionComparison | null;
  evaluatedAt?: string;
}

/** How a version was trained and judged: handed in with a new version, and stored with it as given. */
interface TrainingRecord {
  metrics: Metrics;
  baselineMetrics: Metrics;
  params: Record<string, number>;
  /** sha256 of the training data's content. */
  dataHash: string;
  dataRows: number;
  /** Git commit of the code that trained it, when known. */
  codeVersion?: string;
  seed: number;
  gate: GateResult;
  /** Experiment run that produced it. */
  runId?: string;
  /** How the held-out rows its metrics were measured on were chosen. */
  split?: 'given' | 'random' | 'temporal';
}

/** What a caller hands the registry to store as a new version. */
export interface NewVersion extends TrainingRecord {
  /** The model document; its `features` are the version's one feature schema. */
  model: ModelDocument;
  profile: BaselineProfile;
  tags?: Record<string, string>;
  description?: string;
  /** The held-out rows its metrics were measured on (every column): later gates re-score production on them. */
  testRows?: DataTable;
  /**
   * Up to 100,000 seeded rows of its training data with the model's own predictions
   * (`referenceSample` of @mlops/models): the monitor's exact KS compares live values with them.
   */
  referenceSample?: DataTable;
}

/** A stored version's metadata (without the large model and profile documents). */
export interface VersionRecord extends TrainingRecord {
  name: string;
  version: number;
  kind: string;
  task: string;
  createdAt: string;
  tags: Record<string, string>;
  description: string;
  /** Rows in the stored test split (absent for versions stored without one). */
  testRows?: number;
  /** Rows in the stored reference sample (absent for versions registered without one). */
  referenceRows?: number;
  /**
   * sha256 (hex) of each file of the version as registered, by file name (all but
   * `version.json`, which holds them); checked on every read. Absent in versions
   * registered before checksums were recorded.
   */
  checksums?: Record<string, string>;
  /** Aliases now pointing at this version. */
  aliases: string[];
  archived: boolean;
}

/** Where a caller points: a version number or an alias such as `production`. */
export type VersionRef = { version: number } | { alias: string };
