import { type BaselineProfile, type ColumnSpec, histogramBin } from '@mlops/features';
import { hashSensitiveValue } from '@mlops/registry';
import type { SensitiveFieldMode } from '../config';
import { ServingError } from '../models/ServingError';
import type { RequestFields } from './requestFields';

/** Options of {@link loggedFields}. */
export interface LoggedFieldsOptions {
  /** What happens to sensitive features. @default 'drop' */
  mode?: SensitiveFieldMode;
  /** `MLOPS_HASH_SALT`: needed as soon as anything is hashed (a sensitive id column always is). */
  salt?: string;
  /** The served version's reference profile: its histograms are the bins of `bin` mode. */
  profile?: BaselineProfile;
}

/** How one loaded model's requests are written to the prediction log, precomputed at load. */
export interface LoggedFields {
  /** The features as the log may hold them: sensitive ones dropped, hashed or binned. */
  features(values: Readonly<Record<string, number | string>>): Record<string, number | string>;
  /** The id columns the request carried (sensitive ones hashed); `undefined` when it carried none. */
  entity(values: Readonly<Record<string, number | string>>): Record<string, number | string> | undefined;
  /** The features logged as their bin index; `undefined` when none. One frozen array shared by every record. */
  readonly binned: string[] | undefined;
  /** Things to say once at load, e.g. a sensitive feature without a reference histogram (dropped). */
  readonly notes: readonly string[];
}

const KEEP = 0;
const HASH = 1;
const BIN = 2;
type Step =
  | { name: string; action: typeof KEEP | typeof HASH }
  | { name: string; action: typeof BIN; edges: Float64Array };

/**
 * Decides, once per loaded model, what each request field becomes in the log:
 * features as sent unless `sensitive` — then dropped (`drop`), hashed (`hash`), or
 * (`bin`) numeric ones replaced by the index of their bin in the profile's
 * histogram and categorical ones hashed (they have no bins); id columns as sent,
 * sensitive ones always hashed whatever the mode. Throws a {@link ServingError}
 * `needs-hash-salt` naming the model and the field when something must be hashed
 * and there is no salt: the model is then not served, rather than logged in clear.
 */
export function loggedFields(
  model: { name: string; version: number },
  fields: RequestFields,
  options: LoggedFieldsOptions = {},
): LoggedFields {
  const mode = options.mode ?? 'drop';
  const salt = options.salt ?? '';
  const needSalt = (field: string, why: string, fix: string) => {
    if (salt) return;
    throw new ServingError(
      'needs-hash-salt',
      `model '${model.name}' v${model.version} has the ${field}, which ${why}, but MLOPS_HASH_SALT is not set: ${fix}`,
    );
  };
  const notes: string[] = [];
  const steps: Step[] = [];
  const binned: string[] = [];
  for (const spec of fields.features) {
    if (!spec.sensitive) steps.push({ name: spec.name, action: KEEP });
    else if (mode === 'hash' || (mode === 'bin' && spec.type === 'categorical')) {
      needSalt(
        `sensitive ${spec.type} feature '${spec.name}'`,
        `MLOPS_SENSITIVE_FIELDS=${mode} hashes${mode === 'bin' ? ' (it has no bins)' : ''}`,
        'set MLOPS_HASH_SALT (a secret string), or MLOPS_SENSITIVE_FIELDS=drop',
      );
      steps.push({ name: spec.name, action: HASH });
    } else if (mode === 'bin') {
      const edges = histogramEdges(options.profile, spec);
      if (edges) {
        steps.push({ name: spec.name, action: BIN, edges });
        binned.push(spec.name);
      } else
        notes.push(
          `no reference histogram for the sensitive feature '${spec.name}': it is dropped from the log`,
        );
    }
  }
  const ids = fields.ids.map((spec) => ({ name: spec.name, hash: Boolean(spec.sensitive) }));
  for (const spec of fields.ids) {
    if (spec.sensitive)
      needSalt(
        `sensitive id column '${spec.name}'`,
        'the prediction log always hashes',
        'set MLOPS_HASH_SALT (a secret string) to serve it',
      );
  }
  // Frozen: every record of this model holds this one array (no allocation per request).
  const binnedList = binned.length ? (Object.freeze(binned) as string[]) : undefined;
  return {
    features(values) {
      const out: Record<string, number | string> = {};
      for (const step of steps) {
        const value = values[step.name];
        if (step.action === BIN) out[step.name] = histogramBin(value as number, step.edges);
        else if (step.action === HASH) out[step.name] = hashSensitiveValue(salt, value);
        else out[step.name] = value;
      }
      return out;
    },
    entity(values) {
      let out: Record<string, number | string> | undefined;
      for (const id of ids) {
        const value = values[id.name];
        if (value === undefined) continue;
        out ??= {};
        out[id.name] = id.hash ? hashSensitiveValue(salt, value) : value;
      }
      return out;
    },
    binned: binnedList,
    notes,
  };
}

/** The profile's histogram edges of a numeric column, when it has usable ones. */
function histogramEdges(profile: BaselineProfile | undefined, spec: ColumnSpec): Float64Array | undefined {
  if (spec.type !== 'numeric') return undefined;
  const column = profile?.columns[spec.name];
  if (column?.kind !== 'numeric') return undefined;
  const edges = column.histogram?.edges;
  if (!edges || edges.length < 2 || !edges.every(Number.isFinite)) return undefined;
  return Float64Array.from(edges);
}
