#!/usr/bin/env node
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { consumerFiles } from './consumerFiles';
import { type PublishedManifest, publishingProblems } from './publishingProblems';

/** The libraries published to npm (the apps and tooling stay private). */
const LIBRARIES = ['features', 'models', 'registry', 'drift'];

const root = resolve(__dirname, '..', '..', '..');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const times: string[] = [];

/** Runs one named step; a failure exits 1 naming it. */
function step(name: string, action: () => string | undefined): void {
  const started = performance.now();
  try {
    const note = action();
    const seconds = (performance.now() - started) / 1000;
    times.push(`${seconds.toFixed(1).padStart(6)} s  ${name}`);
    process.stdout.write(`package-check: ok   ${name} (${seconds.toFixed(1)} s)${note ? `: ${note}` : ''}\n`);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    const output = stderr.trimEnd().split('\n').slice(-20).join('\n');
    throw new Error(
      `package-check: FAILED at step '${name}': ${(error as Error).message}${output ? `\n${output}` : ''}`,
    );
  }
}

const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

const work = mkdtempSync(join(tmpdir(), 'mlops-package-check-'));
const tarballs = join(work, 'tarballs');
const project = join(work, 'consumer');
try {
  step('publishing fields of the four libraries', () => {
    const privateNames = new Set<string>();
    for (const group of ['packages', 'apps', 'tooling'])
      for (const dir of readdirSync(join(root, group))) {
        const manifest = readJson<PublishedManifest>(join(root, group, dir, 'package.json'));
        if (manifest.private && manifest.name) privateNames.add(manifest.name);
      }
    const problems = LIBRARIES.flatMap((lib) =>
      publishingProblems(
        readJson<PublishedManifest>(join(root, 'packages', lib, 'package.json')),
        `packages/${lib}`,
        privateNames,
      ),
    );
    if (problems.length > 0) throw new Error(problems.join('\n'));
    return undefined;
  });
  step('pnpm pack of each library', () => {
    mkdirSync(tarballs);
    for (const lib of LIBRARIES)
      run('pnpm', ['pack', '--pack-destination', tarballs], join(root, 'packages', lib));
    return readdirSync(tarballs).join(', ');
  });
  step('npm install of the tarballs into a fresh project outside the workspace', () => {
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      `${JSON.stringify({ name: 'mlops-consumer', private: true }, null, 2)}\n`,
    );
    for (const [file, text] of Object.entries(consumerFiles())) writeFileSync(join(project, file), text);
    // The workspace's own TypeScript and Node types, so the check reads the types as our users' tsc would.
    const typescript = readJson<{ version: string }>(require.resolve('typescript/package.json')).version;
    const packed = readdirSync(tarballs).map((file) => join(tarballs, file));
    run(
      'npm',
      ['install', '--no-audit', '--no-fund', ...packed, `typescript@${typescript}`, '@types/node@20'],
      project,
    );
    return `${project} (typescript ${typescript})`;
  });
  step('import from ESM (node esm.mjs)', () => run('node', ['esm.mjs'], project).trim());
  step('require from CommonJS (node cjs.cjs)', () => run('node', ['cjs.cjs'], project).trim());
  step('types under ESM and CommonJS (tsc, module nodenext: types.mts, types.cts)', () => {
    run(join(project, 'node_modules', '.bin', 'tsc'), ['-p', '.'], project);
    return 'no errors';
  });
  process.stdout.write(`package-check: step times\n${times.map((t) => `  ${t}`).join('\n')}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
