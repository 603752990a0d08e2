import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkCompose } from './checkCompose';
import { checkDockerfile } from './checkDockerfile';
import { checkMonitoring } from './checkMonitoring';
import { readDockerignore } from './dockerignore';
import type { Finding } from './Finding';
import { readWorkspace } from './workspace';

/** Apps that serve HTTP: their images must declare a HEALTHCHECK. */
const SERVERS = new Set(['apps/api', 'apps/monitor']);

/** Paths that must never reach an image's build context. */
const NEVER_IN_CONTEXT = [
  '.mlops',
  'data',
  '.env',
  '.git',
  'node_modules',
  'apps/api/node_modules',
  'pipeline.lock',
];

/**
 * Every static deployment check of the repository at `root`: each `apps/*\/Dockerfile`, the
 * `.dockerignore`, `docker-compose.yml` with `.env.example`, and the Prometheus/Grafana files.
 * Each app must have a Dockerfile. An empty result means all passed.
 */
export function checkDeployment(root: string): Finding[] {
  const findings: Finding[] = [];
  for (const pkg of readWorkspace(root).values()) {
    if (!pkg.dir.startsWith('apps/')) continue;
    const file = `${pkg.dir}/Dockerfile`;
    if (!existsSync(join(root, file))) {
      findings.push({ rule: 'unreadable', file, message: `${pkg.name} has no Dockerfile: add one` });
      continue;
    }
    findings.push(...checkDockerfile(root, file, { requireHealthcheck: SERVERS.has(pkg.dir) }));
  }
  if (!existsSync(join(root, '.dockerignore'))) {
    findings.push({
      rule: 'dockerignore',
      file: '.dockerignore',
      message: 'missing: add it so data, the store and secrets stay out of images',
    });
  } else {
    const ignored = readDockerignore(root);
    for (const path of NEVER_IN_CONTEXT) {
      if (!ignored(path)) {
        findings.push({
          rule: 'dockerignore',
          file: '.dockerignore',
          message: `${path} would be sent into the build context: add it`,
        });
      }
    }
  }
  findings.push(...checkCompose(root));
  findings.push(...checkMonitoring(root));
  return findings;
}
