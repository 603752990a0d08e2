import { FeaturesError } from '../errors';
import type { PreprocessorState } from './PreprocessorState';

/** Fitted means and fills stay within this; larger values are damage, not data. */
const NUMBER_LIMIT = 1e100;
/** Scales below this would blow ordinary inputs up past what a model can add without overflow. */
const SMALLEST_SCALE = 1e-100;

/**
 * Checks the JSON form of a fitted {@link TabularPreprocessor} before it is used: a
 * known format version, at least one step, unique non-empty names, numeric steps
 * with finite `fill` and `mean` and a finite `scale` > 0, categorical steps with a
 * non-empty list of unique string categories that holds their `fill`. Throws a
 * `bad-preprocessor` error naming the field (`preprocessing.steps[2].scale`) and what
 * is wrong, so a damaged model file fails when it is loaded, never on a request.
 */
export function checkPreprocessorState(value: unknown): asserts value is PreprocessorState {
  const state = value as Partial<PreprocessorState> | null;
  if (!state || typeof state !== 'object' || state.formatVersion !== 1 || !Array.isArray(state.steps)) {
    throw new FeaturesError(
      'bad-preprocessor',
      'preprocessor JSON is not format version 1: retrain the model',
    );
  }
  if (typeof state.standardize !== 'boolean')
    fail('preprocessing.standardize', state.standardize, 'must be true or false');
  if (state.steps.length === 0) fail('preprocessing.steps', state.steps, 'must hold at least one step');
  const names = new Set<string>();
  state.steps.forEach((step, i) => {
    const field = `preprocessing.steps[${i}]`;
    if (!step || typeof step !== 'object') fail(field, step, 'must be an object');
    if (typeof step.name !== 'string' || step.name === '')
      fail(`${field}.name`, step.name, 'must be a non-empty string');
    if (names.has(step.name)) fail(`${field}.name`, step.name, 'appears twice');
    names.add(step.name);
    if (step.kind === 'numeric') {
      for (const key of ['fill', 'mean'] as const) {
        const number = step[key];
        if (typeof number !== 'number' || !Number.isFinite(number) || Math.abs(number) > NUMBER_LIMIT)
          fail(`${field}.${key}`, number, `must be a finite number within ±${NUMBER_LIMIT}`);
      }
      const scale = step.scale;
      if (typeof scale !== 'number' || !(scale >= SMALLEST_SCALE && scale <= NUMBER_LIMIT))
        fail(`${field}.scale`, scale, `must be a finite number > 0 (${SMALLEST_SCALE}…${NUMBER_LIMIT})`);
      return;
    }
    if (step.kind !== 'categorical')
      fail(`${field}.kind`, (step as { kind?: unknown }).kind, "must be 'numeric' or 'categorical'");
    const { categories, fill } = step;
    if (!Array.isArray(categories) || categories.length === 0)
      fail(`${field}.categories`, categories, 'must be a non-empty array of strings');
    if (categories.some((category) => typeof category !== 'string'))
      fail(`${field}.categories`, categories, 'must hold strings only');
    if (new Set(categories).size !== categories.length)
      fail(`${field}.categories`, categories, 'holds a category twice');
    if (typeof fill !== 'string' || !categories.includes(fill))
      fail(`${field}.fill`, fill, 'must be one of its categories');
  });
}

function fail(field: string, value: unknown, rule: string): never {
  const text = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  throw new FeaturesError(
    'bad-preprocessor',
    `${field} is ${text.length > 40 ? `${text.slice(0, 40)}…` : text}: it ${rule} (retrain the model or restore its file)`,
  );
}
