import type { CellValue } from '@mlops/features';
import { type InputSource, modelInputs } from './modelInputs';

/** Options of {@link requestExample}. */
export interface RequestExampleOptions {
  /** Send the id columns too (e.g. `customer_id`), as a client that names the entity does. @default false */
  ids?: boolean;
  /** Seed of the generated row used when no row is given. @default 9 */
  seed?: number;
}

/**
 * A valid request body for the model (or dataset) `source`: its features, and its id
 * columns when `ids` is set, in the schema's order, taken from `row` or else from one
 * row generated with `seed`. Target, time and unused columns are left out.
 */
export function requestExample(
  source: InputSource,
  row?: Readonly<Record<string, CellValue | undefined>>,
  options: RequestExampleOptions = {},
): Record<string, CellValue> {
  const inputs = modelInputs(source);
  const values = row ?? inputs.generator.generate(1, options.seed ?? 9).row(0);
  const body: Record<string, CellValue> = {};
  for (const spec of [...(options.ids ? inputs.idColumns : []), ...inputs.features]) {
    const value = values[spec.name];
    if (value === undefined) throw new RangeError(`row: no value for the model's column '${spec.name}'`);
    body[spec.name] = value;
  }
  return body;
}
