import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkCommand } from './checkCommand';
import { readDockerignore } from './dockerignore';
import type { Finding } from './Finding';
import { type ImageModel, missingWorkspacePackages } from './missingWorkspacePackages';
import type { Dockerfile, DockerInstruction, DockerStage } from './parseDockerfile';
import { keyValues, parseDockerfile } from './parseDockerfile';
import { readWorkspace } from './workspace';

/** Options of {@link checkDockerfile}. */
export interface CheckDockerfileOptions {
  /** The final stage must declare a `HEALTHCHECK` (servers). @default false */
  requireHealthcheck?: boolean;
}

/**
 * Checks one app's Dockerfile (path relative to `root`, the build context) without a Docker
 * engine: every `COPY` source exists and is not excluded by `.dockerignore`, multi-stage with
 * `turbo prune <app> --docker`, frozen install with the pinned pnpm, production deploy,
 * non-root `USER`, `NODE_ENV=production`, `HEALTHCHECK` when asked, and that the final image
 * holds every workspace package the app needs at run time, and its command starts a file it holds.
 */
export function checkDockerfile(root: string, file: string, options: CheckDockerfileOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const at = (line?: number) => (line ? `${file}:${line}` : file);
  let dockerfile: Dockerfile;
  try {
    dockerfile = parseDockerfile(readFileSync(join(root, file), 'utf8'));
  } catch (error) {
    return [
      { rule: 'unreadable', file, message: `${(error as Error).message}: fix the Dockerfile's syntax` },
    ];
  }
  const packages = readWorkspace(root);
  const appDir = dirname(file).split('\\').join('/');
  const app = [...packages.values()].find((pkg) => pkg.dir === appDir);
  const stages = dockerfile.stages;
  const final = stages.at(-1);
  if (!final)
    return [{ rule: 'dockerfile-multi-stage', file, message: 'no FROM: the Dockerfile builds nothing' }];

  if (stages.length < 2) {
    findings.push({
      rule: 'dockerfile-multi-stage',
      file: at(final.line),
      message:
        'a single stage ships the build tools and sources: build in one stage, copy dist/ and production node_modules into a final one',
    });
  }

  const model: ImageModel = { pruned: [], copiedDirs: [], copiesEverything: false, built: [], deployed: [] };
  const prune = findPrune(stages, app?.name);
  if (app && !prune) {
    findings.push({
      rule: 'dockerfile-prune',
      file,
      message: `no 'turbo prune ${app.name} --docker' stage: prune the workspace to the app so the image only gets its own packages`,
    });
  }
  if (prune) model.pruned = [prune.target];

  const ignored = readDockerignore(root);
  const deployStages = new Map<string, string>();
  for (const stage of stages) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'RUN') readRun(instruction, stage, model, deployStages, findings, at);
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      const sources = instruction.words.slice(0, -1);
      const from = instruction.flags.from;
      if (from === undefined) {
        for (const source of sources)
          checkContextSource(root, source, ignored, model, findings, at(instruction.line));
        continue;
      }
      const fromStage = stages.find((s) => s.name === from);
      if (!fromStage) {
        if (!/[:/]/.test(from)) {
          findings.push({
            rule: 'dockerfile-copy-from',
            file: at(instruction.line),
            message: `COPY --from=${from}: no stage named '${from}' before it; name the stage with 'FROM … AS ${from}'`,
          });
        }
        continue;
      }
      for (const source of sources) {
        checkStageSource(
          fromStage,
          source,
          prune,
          deployStages,
          model,
          findings,
          at(instruction.line),
          stage === final,
        );
      }
    }
  }

  const user = final.instructions.filter((i) => i.keyword === 'USER').at(-1);
  if (!user || /^(root|0)(:.*)?$/.test(user.words[0] ?? '')) {
    findings.push({
      rule: 'dockerfile-user',
      file: at(user?.line ?? final.line),
      message:
        'the final stage runs as root: add USER node (or another non-root user) after the last COPY/RUN',
    });
  }
  const env = Object.assign(
    {},
    ...final.instructions.filter((i) => i.keyword === 'ENV').map((i) => keyValues(i.words)),
  );
  if (env.NODE_ENV !== 'production') {
    findings.push({
      rule: 'dockerfile-node-env',
      file: at(final.line),
      message: 'the final stage does not set NODE_ENV=production: add ENV NODE_ENV=production',
    });
  }
  if (options.requireHealthcheck && !final.instructions.some((i) => i.keyword === 'HEALTHCHECK')) {
    findings.push({
      rule: 'dockerfile-healthcheck',
      file: at(final.line),
      message: 'the server image has no HEALTHCHECK: add one that calls its readiness route (GET /ready)',
    });
  }
  checkInstall(root, dockerfile, findings, at);

  if (app) {
    findings.push(...checkCommand(root, appDir, final, at));
    for (const missing of missingWorkspacePackages(packages, app.name, model)) {
      findings.push({
        rule: 'image-missing-dependency',
        file,
        message: `the ${app.name} image would miss ${missing.name}: ${missing.reason}`,
      });
    }
  }
  return findings;
}

interface Prune {
  stage: DockerStage;
  target: string;
  /** Where the prune output lands in that stage (`--out-dir`, default `out` under WORKDIR). */
  outDir: string;
}

function findPrune(stages: DockerStage[], appName?: string): Prune | undefined {
  for (const stage of stages) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      const match = /turbo\s+prune\s+(?:--scope[= ])?(\S+)([^&;|]*)/.exec(instruction.args);
      if (!match || !/--docker\b/.test(match[2])) continue;
      if (appName && match[1] !== appName) continue;
      const out = /--out-dir[= ](\S+)/.exec(match[2])?.[1] ?? 'out';
      return { stage, target: match[1], outDir: absolute(workdir(stage, instruction), out) };
    }
  }
  return undefined;
}

function readRun(
  instruction: DockerInstruction,
  stage: DockerStage,
  model: ImageModel,
  deployStages: Map<string, string>,
  findings: Finding[],
  at: (line?: number) => string,
): void {
  const run = instruction.args;
  if (/\bturbo\s+(run\s+)?build\b/.test(run) || /\bpnpm\b.*--filter[= ]\S+.*\bbuild\b/.test(run)) {
    const filters = [...run.matchAll(/--filter[= ]["']?([^\s"']+)/g)].map((m) => m[1]);
    model.built.push(...(filters.length ? filters : ['*']));
  }
  const deploy = /\bpnpm\b(.*)\bdeploy\b(.*)/.exec(run);
  if (deploy) {
    const filter = /--filter[= ]["']?([^\s"']+)/.exec(run)?.[1];
    const target = deploy[2]
      .split(/\s+/)
      .filter((word) => word && !word.startsWith('-'))
      .at(-1);
    if (!/--prod\b|-P\b/.test(run)) {
      findings.push({
        rule: 'dockerfile-deploy',
        file: at(instruction.line),
        message: 'pnpm deploy without --prod puts dev dependencies in the image: add --prod',
      });
    }
    if (filter && target) {
      model.deployed.push(filter);
      deployStages.set(stage.name, absolute(workdir(stage, instruction), target));
    }
  }
}

function checkContextSource(
  root: string,
  source: string,
  ignored: (path: string) => boolean,
  model: ImageModel,
  findings: Finding[],
  where: string,
): void {
  const path = source.replace(/^\.\//, '').replace(/\/+$/, '') || '.';
  if (path === '.') {
    model.copiesEverything = true;
    return;
  }
  if (!matchesSomething(root, path)) {
    findings.push({
      rule: 'dockerfile-copy-missing',
      file: where,
      message: `COPY ${source}: no such path in the build context (the repo root); fix the path or add the file`,
    });
    return;
  }
  if (ignored(path)) {
    findings.push({
      rule: 'dockerfile-copy-ignored',
      file: where,
      message: `COPY ${source}: .dockerignore leaves it out of the build context; add '!${path}' to .dockerignore`,
    });
    return;
  }
  model.copiedDirs.push(path);
}

function checkStageSource(
  stage: DockerStage,
  source: string,
  prune: Prune | undefined,
  deployStages: Map<string, string>,
  model: ImageModel,
  findings: Finding[],
  where: string,
  intoFinal: boolean,
): void {
  const path = absolute('/', source).replace(/\/+$/, '');
  if (prune && stage === prune.stage) {
    const layout = ['json', 'full', 'pnpm-lock.yaml'].map((part) => `${prune.outDir}/${part}`);
    if (!layout.some((allowed) => path === allowed || path.startsWith(`${allowed}/`))) {
      findings.push({
        rule: 'dockerfile-copy-from',
        file: where,
        message: `COPY --from=${stage.name} ${source}: turbo prune --docker writes ${layout.join(', ')}; copy one of those`,
      });
    } else if (path === `${prune.outDir}/full`) {
      model.prunedCopied = true;
    }
    return;
  }
  const deployDir = deployStages.get(stage.name);
  if (deployDir && intoFinal) {
    if (path === deployDir || path === `${deployDir}/node_modules`) model.finalHasDeployModules = true;
    if (!(path === deployDir || path.startsWith(`${deployDir}/`))) {
      findings.push({
        rule: 'dockerfile-copy-from',
        file: where,
        message: `COPY --from=${stage.name} ${source}: the stage's pnpm deploy output is ${deployDir}; copy from there`,
      });
    }
  }
}

function checkInstall(
  root: string,
  dockerfile: Dockerfile,
  findings: Finding[],
  at: (line?: number) => string,
): void {
  const runs = dockerfile.stages.flatMap((s) => s.instructions).filter((i) => i.keyword === 'RUN');
  const install = runs.find((i) => /\bpnpm\s+(i|install)\b/.test(i.args));
  if (install && !/--frozen-lockfile/.test(install.args)) {
    findings.push({
      rule: 'dockerfile-frozen-lockfile',
      file: at(install.line),
      message: 'pnpm install without --frozen-lockfile may resolve other versions than the lockfile: add it',
    });
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    packageManager?: string;
  };
  const pinned = manifest.packageManager?.split('@')[1];
  if (!pinned) return;
  const args = Object.assign(
    {},
    dockerfile.args,
    ...dockerfile.stages
      .flatMap((s) => s.instructions)
      .filter((i) => i.keyword === 'ARG')
      .map((i) => keyValues(i.words)),
  ) as Record<string, string>;
  for (const run of runs) {
    const match = /\bpnpm@([^\s"']+)/.exec(run.args);
    if (!match) continue;
    const version = match[1].replace(/^\$\{?([A-Z_]+)\}?$/, (_, name: string) => args[name] ?? name);
    if (version !== pinned) {
      findings.push({
        rule: 'dockerfile-pnpm-version',
        file: at(run.line),
        message: `installs pnpm@${version} but package.json pins pnpm@${pinned} (packageManager): use the same version`,
      });
    }
  }
}

function matchesSomething(root: string, path: string): boolean {
  if (!/[*?]/.test(path)) return existsSync(join(root, path));
  const dir = dirname(path);
  if (/[*?]/.test(dir) || !existsSync(join(root, dir))) return false;
  const name = path.slice(dir === '.' ? 0 : dir.length + 1);
  const regex = new RegExp(
    `^${name
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return readdirSync(join(root, dir)).some((entry) => regex.test(entry));
}

function workdir(stage: DockerStage, until: DockerInstruction): string {
  let dir = '/';
  for (const instruction of stage.instructions) {
    if (instruction === until) break;
    if (instruction.keyword === 'WORKDIR') dir = absolute(dir, instruction.words[0] ?? '/');
  }
  return dir;
}

function absolute(base: string, path: string): string {
  const joined = path.startsWith('/') ? path : `${base.replace(/\/+$/, '')}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}
