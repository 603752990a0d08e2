import type { Finding } from './Finding';

/** The PostgreSQL store of the stack: its service, the image's major version, and who uses it. */
export interface DatabaseSpec {
  service: string;
  /** The official image's major version (`postgres:15`, `postgres:15.8-alpine`…): the SQL is written for it. */
  major: number;
  /** Where the image keeps its data: a named volume must be mounted there. */
  dataPath: string;
  /** Services that must reach it through `MLOPS_DATABASE_URL` (and wait for it to be healthy). */
  clients: string[];
}

type Service = Record<string, unknown>;

/**
 * Checks the PostgreSQL service of the stack: the official image pinned to `spec.major`, its
 * data on a named volume (not in the container, not a bind mount), a `pg_isready`
 * healthcheck, and every client with an `MLOPS_DATABASE_URL` naming the service as its host
 * and taking any password from `.env` (`${VAR}`), never written into the file.
 */
export function checkComposeDatabase(
  services: Record<string, Service>,
  spec: DatabaseSpec,
  add: (rule: Finding['rule'], message: string) => void,
): void {
  const database = services[spec.service];
  if (!database) return; // reported as a missing service
  const image = String(database.image ?? '');
  const pinned = new RegExp(`^(docker\\.io/)?(library/)?postgres:${spec.major}(\\.\\d+)*(-[a-z0-9.]+)?$`);
  if (!pinned.test(image)) {
    add(
      'compose-database',
      `service '${spec.service}' runs image '${image || 'none'}': use the official postgres image pinned to major ${spec.major} (postgres:${spec.major}), the version the migrations are written for`,
    );
  }
  const data = mounts(database).find((m) => m.target === spec.dataPath);
  if (!data || /^[./~$]/.test(data.source)) {
    add(
      'compose-database',
      `service '${spec.service}' keeps its data in the container: mount a named volume at ${spec.dataPath}`,
    );
  }
  const test = (database.healthcheck as { test?: unknown } | undefined)?.test;
  const command = Array.isArray(test) ? test.join(' ') : String(test ?? '');
  if (!command.includes('pg_isready')) {
    add(
      'compose-database',
      `service '${spec.service}' has no pg_isready healthcheck: add one, so clients can wait for service_healthy`,
    );
  }
  for (const client of spec.clients) {
    const service = services[client];
    if (!service) continue;
    const url = environmentOf(service).MLOPS_DATABASE_URL;
    if (url === undefined || url === '') {
      add(
        'compose-database',
        `service '${client}' has no MLOPS_DATABASE_URL: set postgres://USER:\${POSTGRES_PASSWORD}@${spec.service}:5432/DATABASE`,
      );
      continue;
    }
    const match = /^postgres(?:ql)?:\/\/(?:([^:@/]*)(?::([^@]*))?@)?([^:/?]+)/.exec(url);
    if (!match || match[3] !== spec.service) {
      add(
        'compose-database',
        `service '${client}' MLOPS_DATABASE_URL does not point at the '${spec.service}' service: use postgres://USER:\${POSTGRES_PASSWORD}@${spec.service}:5432/DATABASE`,
      );
    } else if (match[2] !== undefined && !/^\$\{[A-Za-z_][A-Za-z0-9_]*(:?\?[^}]*)?\}$/.test(match[2])) {
      add(
        'compose-secret-literal',
        `service '${client}' writes the database password into MLOPS_DATABASE_URL: take it from .env (\${POSTGRES_PASSWORD})`,
      );
    }
  }
}

/** Where a service mounts what: `source:target[:mode]` strings or long-syntax objects. */
export function mounts(service: Service): { source: string; target: string }[] {
  return ((service.volumes ?? []) as unknown[]).map((volume) => {
    if (typeof volume === 'object' && volume) {
      const v = volume as { source?: string; target?: string };
      return { source: v.source ?? '', target: v.target ?? '' };
    }
    const [source, target = ''] = String(volume).split(':');
    return { source, target };
  });
}

/** A service's environment as name → value, from the mapping or the `NAME=value` list form. */
export function environmentOf(service: Service): Record<string, string> {
  const environment = service.environment;
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((item) => {
        const [key, ...rest] = String(item).split('=');
        return [key, rest.join('=')];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries((environment ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v ?? '')]),
  );
}
