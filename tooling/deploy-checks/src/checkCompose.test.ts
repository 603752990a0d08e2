import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { checkCompose } from './checkCompose';

/** The repository these checks guard: its real compose file is the passing fixture. */
const REPO = resolve(__dirname, '../../..');
const COPIED = [
  'docker-compose.yml',
  '.env.example',
  'deploy',
  'apps/api/Dockerfile',
  'apps/trainer/Dockerfile',
  'apps/monitor/Dockerfile',
];

let root: string;
// biome-ignore lint/suspicious/noExplicitAny: the compose document is free-form YAML
type Compose = any;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'deploy-compose-'));
  for (const path of COPIED) cpSync(join(REPO, path), join(root, path), { recursive: true });
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Writes the repository's compose file changed by `change` into the fixture and checks it. */
function checkChanged(change: (compose: Compose) => void) {
  const compose = parse(readFileSync(join(REPO, 'docker-compose.yml'), 'utf8'), { merge: true });
  change(compose);
  writeFileSync(join(root, 'docker-compose.yml'), stringify(compose));
  return checkCompose(root);
}

test("accepts the repository's compose file and .env.example", () => {
  expect(checkCompose(root)).toEqual([]);
  expect(checkChanged(() => {})).toEqual([]);
});

test('reports a missing service and a build of a Dockerfile that does not exist', () => {
  const findings = checkChanged((c) => {
    delete c.services.grafana;
    c.services.trainer.build.dockerfile = 'apps/trainer/Dockerfile.missing';
  });
  expect(findings.map((f) => f.rule)).toEqual(['compose-service', 'compose-build']);
});

test('reports an api with one replica and one that publishes a host port', () => {
  expect(checkChanged((c) => delete c.services.api.deploy).map((f) => f.message)).toEqual([
    "service 'api' has 1 replica(s): set deploy.replicas: 2",
  ]);
  expect(checkChanged((c) => (c.services.api.ports = ['8000:8000'])).map((f) => f.rule)).toEqual([
    'compose-replicas',
  ]);
});

test('reports depends_on conditions that do not wait for the trainer to finish or the api to be healthy', () => {
  const findings = checkChanged((c) => {
    c.services.api.depends_on = ['postgres', 'trainer'];
    c.services.nginx.depends_on.api.condition = 'service_started';
  });
  expect(findings.map((f) => f.message)).toEqual([
    "service 'api' must wait for 'postgres' with condition service_healthy (has service_started)",
    "service 'api' must wait for 'trainer' with condition service_completed_successfully (has service_started)",
    "service 'nginx' must wait for 'api' with condition service_healthy (has service_started)",
  ]);
});

test('accepts a healthy condition on a healthcheck from the Dockerfile, reports one with none at all', () => {
  expect(checkChanged((c) => delete c.services.api.healthcheck)).toEqual([]);
  const dockerfile = join(root, 'apps/api/Dockerfile');
  writeFileSync(dockerfile, readFileSync(dockerfile, 'utf8').replace(/HEALTHCHECK[^\n]*\\\n[^\n]*\n/, ''));
  expect(checkChanged((c) => delete c.services.api.healthcheck).map((f) => f.rule)).toEqual([
    'compose-healthcheck',
    'compose-healthcheck',
  ]);
});

test('reports a one-shot trainer that restarts', () => {
  const findings = checkChanged((c) => (c.services.trainer.restart = 'unless-stopped'));
  expect(findings.map((f) => f.rule)).toEqual(['compose-one-shot', 'compose-one-shot']);
});

test('reports services that do not share one MLOPS_HOME volume, and undeclared volumes', () => {
  const findings = checkChanged((c) => (c.services.monitor.volumes = ['monitor-home:/data']));
  expect(findings.map((f) => f.rule)).toEqual(['compose-volume', 'compose-shared-home']);
  expect(
    checkChanged((c) => c.services.nginx.volumes.push('./deploy/nginx/missing.conf:/x:ro'))[0].rule,
  ).toBe('compose-bind-mount');
});

test('reports a variable missing from .env.example and a secret written into the compose file', () => {
  const findings = checkChanged((c) => {
    c.services.api.environment.MLOPS_BATCH_LIMIT = `\${MLOPS_BATCH_LIMIT:-10000}`;
    c.services.grafana.environment.GF_SECURITY_ADMIN_PASSWORD = 'hunter2';
    c.services.api.environment.MLOPS_API_KEY = `\${MLOPS_API_KEY:-dev-key}`;
  });
  expect(findings.map((f) => f.rule).sort()).toEqual([
    'compose-secret-literal',
    'compose-secret-literal',
    'env-undeclared',
  ]);
});

test('reports a secret value filled in .env.example, with its line', () => {
  const path = join(root, '.env.example');
  writeFileSync(
    path,
    readFileSync(path, 'utf8').replace(/^MLOPS_API_KEY=$/m, 'MLOPS_API_KEY=0123456789abcdef'),
  );
  const findings = checkCompose(root);
  expect(findings).toEqual([
    {
      rule: 'env-secret-value',
      file: expect.stringMatching(/^\.env\.example:\d+$/),
      message: 'MLOPS_API_KEY has a value: secrets are never committed; leave it empty',
    },
  ]);
});

test('reports a healthcheck item YAML read as a mapping because of an unquoted colon', () => {
  const path = join(root, 'docker-compose.yml');
  writeFileSync(
    path,
    readFileSync(path, 'utf8').replace(/- "(fetch\('http:\/\/127\.0\.0\.1:8000\/ready'\)[^"]*)"/, '- $1'),
  );
  expect(checkCompose(root).map((f) => f.message)).toEqual([
    "service 'api' healthcheck test has an item that is not a string (a ': ' inside it?): quote it",
  ]);
});

test('reports a postgres service not pinned to major 15, without a data volume or a pg_isready healthcheck', () => {
  const findings = checkChanged((c) => {
    c.services.postgres.image = 'postgres:latest';
    c.services.postgres.volumes = [];
    c.services.postgres.healthcheck.test = ['CMD', 'true'];
  });
  expect(findings.map((f) => f.message)).toEqual([
    "service 'postgres' runs image 'postgres:latest': use the official postgres image pinned to major 15 (postgres:15), the version the migrations are written for",
    "service 'postgres' keeps its data in the container: mount a named volume at /var/lib/postgresql/data",
    "service 'postgres' has no pg_isready healthcheck: add one, so clients can wait for service_healthy",
  ]);
  expect(checkChanged((c) => (c.services.postgres.image = 'postgres:15.8-bookworm'))).toEqual([]);
});

test('reports an app without MLOPS_DATABASE_URL, one pointing elsewhere, one with a written password, and one not waiting for postgres', () => {
  const findings = checkChanged((c) => {
    delete c.services.trainer.environment.MLOPS_DATABASE_URL;
    c.services.monitor.environment.MLOPS_DATABASE_URL = `postgres://mlops:\${POSTGRES_PASSWORD}@db.example:5432/mlops`;
    // A password written into the file, the mistake the check is for (secretlint flags it too).
    c.services.api.environment.MLOPS_DATABASE_URL = 'postgres://mlops:hunter2@postgres:5432/mlops'; // secretlint-disable-line
    delete c.services.api.depends_on.postgres;
  });
  expect(findings.map((f) => f.message)).toEqual([
    "service 'api' must wait for 'postgres' with condition service_healthy (has none)",
    `service 'trainer' has no MLOPS_DATABASE_URL: set postgres://USER:\${POSTGRES_PASSWORD}@postgres:5432/DATABASE`,
    `service 'api' writes the database password into MLOPS_DATABASE_URL: take it from .env (\${POSTGRES_PASSWORD})`,
    `service 'monitor' MLOPS_DATABASE_URL does not point at the 'postgres' service: use postgres://USER:\${POSTGRES_PASSWORD}@postgres:5432/DATABASE`,
  ]);
});
