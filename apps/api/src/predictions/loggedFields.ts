import type { SensitiveFieldMode } from '../config';
import { ServingError } from '../models/ServingError';
import { hashSensitiveValue } from './hashSensitiveValue';
import type { RequestFields } from './requestFields';

/** Options of {@link loggedFields}. */
export interface LoggedFieldsOptions {
  /** What happens to sensitive features. @default 'drop' */
  mode?: SensitiveFieldMode;
  /** `MLOPS_HASH_SALT`: needed as soon as anything is hashed (a sensitive id column always is). */
  salt?: string;
}

/** How one loaded model's requests are written to the prediction log, precomputed at load. */
export interface LoggedFields {
  /** The features as the log may hold them: sensitive ones dropped or hashed. */
  features(values: Readonly<Record<string, number | string>>): Record<string, number | string>;
  /** The id columns the request carried (sensitive ones hashed); `undefined` when it carried none. */
  entity(values: Readonly<Record<string, number | string>>): Record<string, number | string> | undefined;
}

type Step = { name: string; hash: boolean };

/**
 * Decides, once per loaded model, what each request field becomes in the log:
 * features as sent unless `sensitive` — then dropped (`drop`) or hashed (`hash`);
 * id columns as sent, sensitive ones always hashed whatever the mode. Throws a {@link ServingError}
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
  const steps: Step[] = [];
  for (const spec of fields.features) {
    if (!spec.sensitive) steps.push({ name: spec.name, hash: false });
    else if (mode === 'hash') {
      needSalt(
        `sensitive ${spec.type} feature '${spec.name}'`,
        'MLOPS_SENSITIVE_FIELDS=hash hashes',
        'set MLOPS_HASH_SALT (a secret string), or MLOPS_SENSITIVE_FIELDS=drop',
      );
      steps.push({ name: spec.name, hash: true });
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
  return {
    features(values) {
      const out: Record<string, number | string> = {};
      for (const step of steps) {
        const value = values[step.name];
        out[step.name] = step.hash ? hashSensitiveValue(salt, value) : value;
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
  };
}
