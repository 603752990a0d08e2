import type { ColumnSpec } from '@mlops/features';
import { exampleInstance } from '../predictions/exampleInstance';

/** A JSON Schema object as OpenAPI 3.0 uses it. */
export type JsonSchema = { [keyword: string]: unknown };

/**
 * The OpenAPI schema of one prediction request for a model: every feature with its
 * type (`integer` for whole-number features), range, categories and description,
 * all required; the model's id columns as optional properties described as entity
 * keys, not inputs; nothing else allowed; and an example object a client can send as is.
 */
export function featureRequestSchema(
  model: { name: string; version: number },
  features: readonly ColumnSpec[],
  ids: readonly ColumnSpec[] = [],
): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const example = exampleInstance(features);
  for (const spec of features) {
    if (spec.type === 'numeric') {
      properties[spec.name] = {
        type: spec.integer ? 'integer' : 'number',
        ...(spec.min !== undefined && { minimum: spec.min }),
        ...(spec.max !== undefined && { maximum: spec.max }),
        description: spec.description,
      };
    } else {
      properties[spec.name] = {
        type: 'string',
        ...(spec.categories?.length && { enum: spec.categories }),
        description: spec.description,
      };
    }
    if (spec.sensitive) {
      properties[spec.name].description =
        `${spec.description} (sensitive: not written in clear to the prediction log)`.trim();
    }
  }
  for (const spec of ids) {
    const key = `Entity key, not a model input: optional, identifies what the prediction is about and is logged as the prediction's entity${
      spec.sensitive ? ' (sensitive: hashed in the log)' : ''
    }, so labels can join on it later.`;
    properties[spec.name] = {
      type: spec.type === 'categorical' ? 'string' : spec.integer ? 'integer' : 'number',
      description: spec.description ? `${spec.description}. ${key}` : key,
    };
    example[spec.name] = spec.type === 'categorical' ? 'id-1' : 1;
  }
  return {
    type: 'object',
    title: `${model.name} v${model.version} features`,
    description: `The inputs of '${model.name}' version ${model.version}, as its feature schema in the registry defines them${
      ids.length ? `, and its optional entity keys (${ids.map((spec) => spec.name).join(', ')})` : ''
    }.`,
    properties,
    required: features.map((spec) => spec.name),
    additionalProperties: false,
    example,
  };
}
