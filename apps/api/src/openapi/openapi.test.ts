import request from 'supertest';
import { registerChurnVersion, testServerPerTest } from '../__tests__/testServer';

const server = testServerPerTest({ batchLimit: 500 });

type Schema = { [key: string]: unknown };

/** The request schema of `POST path`, with one `$ref` followed. */
function requestSchema(spec: Schema, path: string): Schema {
  const paths = spec.paths as Record<string, { post: { requestBody: { content: Record<string, Schema> } } }>;
  const schema = paths[path].post.requestBody.content['application/json'].schema as Schema;
  const ref = schema.$ref as string | undefined;
  if (!ref) return schema;
  return (spec.components as { schemas: Record<string, Schema> }).schemas[ref.split('/').pop()!];
}

test('/openapi.json shows the served model fields with types, ranges, categories and an example', async () => {
  const spec = (await request(server.app).get('/openapi.json').expect(200)).body;
  const body = requestSchema(spec, '/predict');
  const properties = body.properties as Record<string, Schema>;
  const features = server.models.get('churn')!.pipeline.features.map((f) => f.name);
  expect(Object.keys(properties).sort()).toEqual([...features, 'customer_id'].sort());
  expect(properties.monthly_charges).toMatchObject({ type: 'number', minimum: 15, maximum: 150 });
  expect(properties.num_complaints).toMatchObject({ type: 'integer' });
  expect(properties.contract).toMatchObject({
    type: 'string',
    enum: ['month-to-month', 'one-year', 'two-year'],
  });
  expect(body).toMatchObject({ additionalProperties: false, title: 'churn v1 features' });
  // Every feature is required; the id column is an optional entity key, not an input.
  expect(body.required).toEqual(features);
  expect(properties.customer_id).toEqual({
    type: 'string',
    description: expect.stringMatching(
      /^Customer identifier\. Entity key, not a model input: optional.*hashed in the log/,
    ),
  });
  // The example is a valid request, entity key included: the server accepts it as it is.
  expect(body.example).toHaveProperty('customer_id');
  await request(server.app)
    .post('/predict')
    .send(body.example as object)
    .expect(200);
  const batch = requestSchema(spec, '/predict/batch');
  expect(batch).toMatchObject({ required: ['instances'], properties: { instances: { maxItems: 500 } } });
  expect(spec.paths['/models/{name}/predict'].post.parameters[0].schema).toEqual({
    type: 'string',
    enum: ['churn'],
  });
  expect(spec.info.description).toMatch(/Serving now: churn v1/);
  expect(spec.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  expect(spec.paths['/admin/reload'].post.security).toEqual([{ bearer: [] }]);
});

test('/openapi.json changes when a model with other fields is promoted', async () => {
  const v2 = await registerChurnVersion(server.registry, 2, { features: ['tenure_months', 'contract'] });
  // Two features make a weaker model than v1, which the default gate refuses: forced, the gate is not the point here.
  await server.registry.promote('churn', v2, { force: true });
  await server.models.refresh();
  const spec = (await request(server.app).get('/openapi.json').expect(200)).body;
  const body = requestSchema(spec, '/predict');
  expect(Object.keys(body.properties as object).sort()).toEqual(['contract', 'customer_id', 'tenure_months']);
  expect(body.required).toEqual(['tenure_months', 'contract']);
  expect(body.title).toBe('churn v2 features');
  await request(server.app)
    .post('/predict')
    .send(body.example as object)
    .expect(200);
});

test('GET /docs serves Swagger UI from the installed package, pointed at /openapi.json', async () => {
  const page = await request(server.app).get('/docs/').expect(200);
  expect(page.headers['content-type']).toMatch(/text\/html/);
  expect(page.text).not.toMatch(/https?:\/\/(cdn|unpkg)/);
  const init = await request(server.app).get('/docs/swagger-ui-init.js').expect(200);
  expect(init.text).toMatch(/"url": "\/openapi\.json"/);
  await request(server.app).get('/docs/swagger-ui-bundle.js').expect(200);
  await request(server.app).get('/docs/swagger-ui.css').expect(200);
});
