#!/usr/bin/env node
import { resolve } from 'node:path';
import { checkDeployment } from './checkDeployment';

const root = resolve(process.argv[2] ?? '.');
const findings = checkDeployment(root);
if (findings.length === 0) {
  process.stdout.write(
    'deploy-checks: Dockerfiles, .dockerignore, docker-compose.yml, .env.example, Prometheus and Grafana files are consistent\n',
  );
} else {
  for (const f of findings) process.stderr.write(`deploy-checks: [${f.rule}] ${f.file}: ${f.message}\n`);
  process.stderr.write(`deploy-checks: ${findings.length} problem(s)\n`);
  process.exitCode = 1;
}
