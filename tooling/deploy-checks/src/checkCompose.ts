import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { checkComposeDatabase, type DatabaseSpec, environmentOf, mounts } from './checkComposeDatabase';
import type { Finding } from './Finding';
import { parseDockerfile } from './parseDockerfile';
import { readEnvExample, SECRET_NAME } from './readEnvExample';

/** What the stack must look like; {@link DEFAULT_STACK} is this repository's. */
export interface StackSpec {
  /** Services that must exist. */
  services: string[];
  /** Service scaled to several replicas, and the least number of them. */
  replicated: { service: string; replicas: number };
  /** Container ports that must be published, per service. */
  published: Record<string, number>;
  /** `depends_on` edges that must exist: service → dependency → condition. */
  dependsOn: Record<string, Record<string, string>>;
  /** Services that must share one MLOPS_HOME volume. */
  sharedHome: string[];
  /** The PostgreSQL store (`MLOPS_DATABASE_URL`), when the stack has one. */
  database?: DatabaseSpec;
}

/** This repository's stack: PostgreSQL, trainer → api ×2 behind nginx, monitor, Prometheus, Grafana. */
export const DEFAULT_STACK: StackSpec = {
  services: ['postgres', 'trainer', 'api', 'nginx', 'monitor', 'prometheus', 'grafana'],
  replicated: { service: 'api', replicas: 2 },
  published: { nginx: 8000, monitor: 8501, prometheus: 9090, grafana: 3000 },
  dependsOn: {
    trainer: { postgres: 'service_healthy' },
    api: { postgres: 'service_healthy', trainer: 'service_completed_successfully' },
    nginx: { api: 'service_healthy' },
    monitor: { postgres: 'service_healthy', trainer: 'service_completed_successfully' },
  },
  // The prediction log and the reports are still files, so the volume stays shared.
  sharedHome: ['trainer', 'api', 'monitor'],
  database: {
    service: 'postgres',
    major: 15,
    dataPath: '/var/lib/postgresql/data',
    clients: ['trainer', 'api', 'monitor'],
  },
};

type Service = Record<string, unknown>;

/**
 * Checks `docker-compose.yml` at `root` against `spec` and `.env.example`: services, build
 * files, replicas without host ports, published ports, depends_on conditions (a healthy
 * condition needs a healthcheck, a completed one a service that does not restart), named
 * volumes declared, bind-mount sources present, one MLOPS_HOME volume shared, every `${VAR}`
 * declared in .env.example, and no secret value in either file.
 */
export function checkCompose(
  root: string,
  spec: StackSpec = DEFAULT_STACK,
  file = 'docker-compose.yml',
): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: Finding['rule'], message: string, where = file) =>
    findings.push({ rule, file: where, message });
  if (!existsSync(join(root, file)))
    return [{ rule: 'unreadable', file, message: 'missing: add the compose file' }];
  const text = readFileSync(join(root, file), 'utf8');
  const document = parseDocument(text, { merge: true });
  if (document.errors.length) return [{ rule: 'unreadable', file, message: document.errors[0].message }];
  const compose = (document.toJS({ maxAliasCount: 1000 }) ?? {}) as Record<string, unknown>;
  const services = (compose.services ?? {}) as Record<string, Service>;
  const volumes = Object.keys((compose.volumes ?? {}) as Record<string, unknown>);

  for (const name of spec.services) {
    if (!services[name])
      add('compose-service', `no service '${name}': add it (the stack needs ${spec.services.join(', ')})`);
  }
  for (const [name, service] of Object.entries(services)) {
    const build = service.build as { context?: string; dockerfile?: string } | string | undefined;
    if (build) {
      const context = typeof build === 'string' ? build : (build.context ?? '.');
      const dockerfile = typeof build === 'string' ? 'Dockerfile' : (build.dockerfile ?? 'Dockerfile');
      if (!existsSync(join(root, context, dockerfile))) {
        add('compose-build', `service '${name}' builds ${join(context, dockerfile)}, which does not exist`);
      }
    }
    // An unquoted `a ? b : c` in a YAML list item parses as a mapping, not the command string.
    for (const key of ['command', 'entrypoint'] as const) {
      const list = service[key];
      if (Array.isArray(list) && list.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
        add('compose-service', `service '${name}' ${key} has an item that is not a string: quote it`);
      }
    }
    const test = (service.healthcheck as { test?: unknown } | undefined)?.test;
    if (Array.isArray(test) && test.some((item) => typeof item !== 'string')) {
      add(
        'compose-healthcheck',
        `service '${name}' healthcheck test has an item that is not a string (a ': ' inside it?): quote it`,
      );
    }
    checkVolumes(root, name, service, volumes, add);
    checkEnvironment(name, service, add);
  }

  const replicated = services[spec.replicated.service];
  if (replicated) {
    const replicas = Number((replicated.deploy as { replicas?: unknown } | undefined)?.replicas ?? 1);
    if (!(replicas >= spec.replicated.replicas)) {
      add(
        'compose-replicas',
        `service '${spec.replicated.service}' has ${replicas} replica(s): set deploy.replicas: ${spec.replicated.replicas}`,
      );
    }
    for (const port of (replicated.ports ?? []) as unknown[]) {
      if (
        String(
          typeof port === 'object' ? ((port as { published?: unknown }).published ?? '') : port,
        ).includes(':')
      ) {
        add(
          'compose-replicas',
          `service '${spec.replicated.service}' publishes host port ${String(port)}: replicas cannot share one; use expose and the load balancer`,
        );
      }
    }
  }
  for (const [name, port] of Object.entries(spec.published)) {
    const service = services[name];
    if (!service) continue;
    const ports = ((service.ports ?? []) as unknown[]).map(containerPort);
    if (!ports.includes(port))
      add('compose-port', `service '${name}' does not publish container port ${port}: add "${port}:${port}"`);
  }

  for (const [name, dependencies] of Object.entries(spec.dependsOn)) {
    const dependsOn = normalizeDependsOn(services[name]?.depends_on);
    for (const [dependency, condition] of Object.entries(dependencies)) {
      if (services[name] && dependsOn[dependency] !== condition) {
        add(
          'compose-depends-on',
          `service '${name}' must wait for '${dependency}' with condition ${condition} (has ${dependsOn[dependency] ?? 'none'})`,
        );
      }
    }
  }
  for (const [name, service] of Object.entries(services)) {
    for (const [dependency, condition] of Object.entries(normalizeDependsOn(service.depends_on))) {
      const target = services[dependency];
      if (!target) {
        add('compose-depends-on', `service '${name}' depends on '${dependency}', which is not a service`);
      } else if (condition === 'service_healthy' && !hasHealthcheck(root, target)) {
        add(
          'compose-healthcheck',
          `service '${name}' waits for '${dependency}' to be healthy, but '${dependency}' has no healthcheck (compose or Dockerfile HEALTHCHECK)`,
        );
      } else if (
        condition === 'service_completed_successfully' &&
        !['no', undefined].includes(target.restart as string)
      ) {
        add(
          'compose-one-shot',
          `service '${dependency}' is awaited as a one-shot job but restarts (${String(target.restart)}): set restart: "no"`,
        );
      }
    }
  }

  if (spec.database) checkComposeDatabase(services, spec.database, add);

  const homes = spec.sharedHome
    .filter((name) => services[name])
    .map((name) => [name, homeVolume(services[name])] as const);
  const distinct = new Set(homes.map(([, home]) => home));
  if (homes.some(([, home]) => home === undefined) || distinct.size > 1) {
    add(
      'compose-shared-home',
      `${spec.sharedHome.join(', ')} must mount one named volume at their MLOPS_HOME (found: ${homes.map(([n, h]) => `${n}=${h ?? 'none'}`).join(', ')})`,
    );
  }

  const env = readEnvExample(join(root, '.env.example'));
  for (const match of text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) {
    if (!env.has(match[1])) {
      add(
        'env-undeclared',
        `\${${match[1]}} is not declared in .env.example: add it there with a safe default or empty`,
      );
    }
  }
  for (const [name, { value, line }] of env) {
    if (SECRET_NAME.test(name) && value !== '') {
      add(
        'env-secret-value',
        `${name} has a value: secrets are never committed; leave it empty`,
        `.env.example:${line}`,
      );
    }
  }
  return findings;
}

function normalizeDependsOn(value: unknown): Record<string, string> {
  if (Array.isArray(value)) return Object.fromEntries(value.map((name) => [String(name), 'service_started']));
  return Object.fromEntries(
    Object.entries((value ?? {}) as Record<string, { condition?: string }>).map(([name, options]) => [
      name,
      options?.condition ?? 'service_started',
    ]),
  );
}

function containerPort(port: unknown): number {
  if (typeof port === 'object' && port) return Number((port as { target?: unknown }).target);
  const text = String(port).split('/')[0];
  return Number(text.slice(text.lastIndexOf(':') + 1));
}

function hasHealthcheck(root: string, service: Service): boolean {
  const healthcheck = service.healthcheck as { test?: unknown; disable?: boolean } | undefined;
  if (healthcheck?.disable) return false;
  if (healthcheck?.test) return true;
  const build = service.build as { context?: string; dockerfile?: string } | undefined;
  if (!build || typeof build !== 'object') return false;
  const path = join(root, build.context ?? '.', build.dockerfile ?? 'Dockerfile');
  if (!existsSync(path)) return false;
  try {
    const stages = parseDockerfile(readFileSync(path, 'utf8')).stages;
    return Boolean(stages.at(-1)?.instructions.some((i) => i.keyword === 'HEALTHCHECK'));
  } catch {
    return false;
  }
}

function homeVolume(service: Service): string | undefined {
  const environment = service.environment as Record<string, unknown> | undefined;
  const home = environment && !Array.isArray(environment) ? String(environment.MLOPS_HOME ?? '') : '';
  return mounts(service).find((m) => home !== '' && m.target === home && !/^[./~]/.test(m.source))?.source;
}

function checkVolumes(
  root: string,
  name: string,
  service: Service,
  declared: string[],
  add: (rule: Finding['rule'], message: string) => void,
): void {
  for (const { source } of mounts(service)) {
    if (source === '' || source.startsWith('$')) continue;
    if (/^[./~]/.test(source)) {
      if (source.startsWith('.') && !existsSync(join(root, source))) {
        add('compose-bind-mount', `service '${name}' mounts ${source}, which does not exist in the repo`);
      }
    } else if (!declared.includes(source)) {
      add(
        'compose-volume',
        `service '${name}' uses volume '${source}', not declared under the top-level volumes:`,
      );
    }
  }
}

function checkEnvironment(
  name: string,
  service: Service,
  add: (rule: Finding['rule'], message: string) => void,
): void {
  for (const [key, value] of Object.entries(environmentOf(service))) {
    if (!SECRET_NAME.test(key) || value === '') continue;
    // Only an interpolation without a non-empty default keeps the value out of the repo.
    const interpolation = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::?-)?\}$|^\$\{[A-Za-z_][A-Za-z0-9_]*:?\?[^}]*\}$/;
    if (!interpolation.test(value)) {
      add(
        'compose-secret-literal',
        `service '${name}' sets ${key} in the compose file: use \${${key}} from .env (or a default of empty)`,
      );
    }
  }
}
