import type { FieldExplanation } from '@mlops/models';
import { ApiError } from '../http/ApiError';
import type { ExplanationDto, FieldContributions } from './predictionDtos';

/**
 * Reads the `explain` query parameter: absent, `false` or `0` is off, `true` or `1` on;
 * anything else is a 400 naming the parameter (so a typo never silently drops the explanation).
 */
export function explainRequested(value: string | undefined): boolean {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new ApiError(
    400,
    'bad_request',
    `query parameter explain is ${JSON.stringify(value)}: it must be true or false`,
    [{ field: 'explain', message: 'must be true or false' }],
  );
}

/** Row `row` of a pipeline's explanation as the API answers it (see {@link ExplanationDto}). */
export function explanationDto(
  e: FieldExplanation,
  row: number,
  classes: ReadonlyArray<number | string> | undefined,
): ExplanationDto {
  const n = e.fields.length;
  const fieldsOf = (output: number): FieldContributions => {
    const base = (row * e.outputs + output) * n;
    const contributions: FieldContributions = {};
    for (let f = 0; f < n; f += 1) contributions[e.fields[f]] = e.contributions[base + f];
    return contributions;
  };
  if (e.outputs === 1) {
    return {
      output: e.outputKind,
      ...(classes && classes.length === 2 ? { positive_class: classes[1] } : {}),
      expected_value: e.expectedValue[0],
      contributions: fieldsOf(0),
    };
  }
  const labels = e.classes ?? [];
  const expected: Record<string, number> = {};
  const contributions: Record<string, FieldContributions> = {};
  labels.forEach((label, k) => {
    expected[String(label)] = e.expectedValue[k];
    contributions[String(label)] = fieldsOf(k);
  });
  return { output: e.outputKind, classes: [...labels], expected_value: expected, contributions };
}
