import type { ModelStore } from '../models/ModelStore';
import { featureRequestSchema, type JsonSchema } from './featureRequestSchema';

/** What an OpenAPI document needs of this file: loosely typed, it is patched in place. */
type OpenApiDocument = {
  info: { description?: string; [key: string]: unknown };
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; [key: string]: unknown };
  [key: string]: unknown;
};

/** Options of {@link ServedOpenApi}. */
export interface ServedOpenApiOptions {
  defaultModel: string;
  /** Most rows in one batch, shown as `maxItems`. */
  batchLimit: number;
}

/**
 * The OpenAPI document of the server as it runs now: tsoa's generated document
 * (whose request bodies are open `{[feature]: unknown}` objects, because the fields
 * are data, not code) with the request schemas of the served production models put
 * in. It is rebuilt only when the model store swaps a model, so `/openapi.json` and
 * `/docs` show a newly promoted model's fields as soon as it serves.
 */
export class ServedOpenApi {
  private cached?: { revision: number; document: OpenApiDocument };

  constructor(
    private readonly base: object,
    private readonly models: ModelStore,
    private readonly options: ServedOpenApiOptions,
  ) {}

  /** The current document (shared: callers must not change it). */
  document(): object {
    if (this.cached?.revision !== this.models.revision) {
      this.cached = { revision: this.models.revision, document: this.build() };
    }
    return this.cached.document;
  }

  private build(): OpenApiDocument {
    const doc = structuredClone(this.base) as OpenApiDocument;
    const served = this.models.list();
    if (served.length === 0) return doc;
    const refs: Record<string, JsonSchema> = {};
    for (const model of served) {
      const schemaName = `${pascalCase(model.name)}Features`;
      doc.components.schemas[schemaName] = featureRequestSchema(
        model,
        model.request.features,
        model.request.ids,
      );
      refs[model.name] = { $ref: `#/components/schemas/${schemaName}` };
    }
    const anyModel: JsonSchema = served.length === 1 ? refs[served[0].name] : { oneOf: Object.values(refs) };
    doc.components.schemas.FeatureValues = anyModel;
    const main = this.models.get(this.options.defaultModel);
    const mainRef = main ? refs[main.name] : anyModel;
    const example = main
      ? (doc.components.schemas[`${pascalCase(main.name)}Features`].example as object)
      : undefined;
    setBody(doc, '/predict', mainRef, example);
    setBody(doc, '/models/{name}/predict', anyModel, example);
    setBody(doc, '/predict/batch', this.batchSchema(mainRef), example && { instances: [example] });
    setBody(
      doc,
      '/models/{name}/predict/batch',
      this.batchSchema(anyModel),
      example && { instances: [example] },
    );
    for (const path of ['/models/{name}/predict', '/models/{name}/predict/batch']) {
      const parameters = (doc.paths[path]?.post?.parameters ?? []) as JsonSchema[];
      const name = parameters.find((p) => p.name === 'name');
      if (name) name.schema = { type: 'string', enum: served.map((m) => m.name) };
    }
    const list = served.map((m) => `${m.name} v${m.version}`).join(', ');
    doc.info.description =
      `${doc.info.description ?? ''} Serving now: ${list}; default model ${this.options.defaultModel}.`.trim();
    return doc;
  }

  private batchSchema(items: JsonSchema): JsonSchema {
    return {
      type: 'object',
      required: ['instances'],
      additionalProperties: false,
      properties: { instances: { type: 'array', minItems: 1, maxItems: this.options.batchLimit, items } },
    };
  }
}

function setBody(doc: OpenApiDocument, path: string, schema: JsonSchema, example: object | undefined): void {
  const operation = doc.paths[path]?.post as
    | { requestBody?: { content: Record<string, JsonSchema> } }
    | undefined;
  if (!operation?.requestBody) return;
  operation.requestBody.content['application/json'] = { schema, ...(example && { example }) };
}

function pascalCase(name: string): string {
  return name
    .split(/[-_]/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}
