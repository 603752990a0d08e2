#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Buildah } from './Buildah';
import { ensureBaseImage } from './baseImage';
import { dockerEngineAnswers, missingRequirements } from './requirements';
import type { BuiltImage, SmokeContext } from './SmokeContext';
import { StepFailure } from './StepFailure';
import { StepRunner } from './StepRunner';
import { smokeApi } from './smokeApi';
import { smokeMonitor } from './smokeMonitor';
import { smokeTrainer } from './smokeTrainer';

const USAGE = `usage: mlops-image-check [--context DIR] [--keep]
  Builds apps/{trainer,api,monitor}/Dockerfile with buildah on a stand-in node base image and
  smoke-tests the images together on one bound host folder.
  --context DIR  the repository (build context); default: the one this script is in
  --keep         keep the working containers and the host folder (for a look after a failure)
  MLOPS_IMAGE_CHECK_DIR  buildah storage, base image work and smoke folders (default /var/tmp/mlops-images)
  MLOPS_DEBIAN_MIRROR    Debian mirror for the base image (default: the one apt uses)`;

const APPS = ['trainer', 'api', 'monitor'] as const;

function parseArgs(argv: string[]): { context: string; keep: boolean } {
  let context = resolve(__dirname, '..', '..', '..');
  let keep = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--keep') keep = true;
    else if (argv[i] === '--context' && argv[i + 1]) context = resolve(argv[++i]);
    else {
      process.stderr.write(`image-check: unknown argument '${argv[i]}'\n${USAGE}\n`);
      process.exit(2);
    }
  }
  return { context, keep };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

async function main(): Promise<number> {
  const { context, keep } = parseArgs(process.argv.slice(2));
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const steps = new StepRunner(write);
  const workDir = resolve(process.env.MLOPS_IMAGE_CHECK_DIR || '/var/tmp/mlops-images');
  const buildah = new Buildah({ root: join(workDir, 'storage'), runRoot: join(workDir, 'runroot') });
  const sizes: string[] = [];
  let smoke: SmokeContext | undefined;
  const started = performance.now();
  try {
    await steps.step('requirements: buildah, podman, debootstrap, root', async () => {
      const missing = await missingRequirements();
      if (missing) throw new Error(missing);
      if (await dockerEngineAnswers())
        write(
          'image-check: a Docker engine answers here; this check still builds with buildah (the docker workflow uses Docker)',
        );
    });
    mkdirSync(workDir, { recursive: true });
    const base = await steps.step(
      'base image: stand-in node image (cached by Node version)',
      () => ensureBaseImage(buildah, workDir),
      (b) => `${b.name} ${b.reused ? 'reused' : 'made'} (key ${b.key})`,
    );
    const images = {} as SmokeContext['images'];
    for (const app of APPS) {
      const name = `localhost/mlops-${app}:check`;
      await steps.step(
        `build: apps/${app}/Dockerfile`,
        async () => {
          await buildah.run(
            [
              'bud',
              '--isolation',
              'chroot',
              '--layers',
              '--format',
              'docker',
              '--build-arg',
              `NODE_IMAGE=${base.name}`,
              '-f',
              join(context, 'apps', app, 'Dockerfile'),
              '-t',
              name,
              context,
            ],
            { echo: process.env.MLOPS_IMAGE_CHECK_VERBOSE === '1' },
          );
          const image: BuiltImage = { name, config: await buildah.imageConfig(name) };
          images[app] = image;
          return buildah.imageSize(name);
        },
        (size) => {
          sizes.push(`${name}  ${mb(size)}`);
          return mb(size);
        },
      );
    }
    const home = mkdtempSync(join(workDir, 'home-'));
    // The images run as `node` (uid 1000): the bound folder must be theirs to write.
    chownSync(home, 1000, 1000);
    smoke = { buildah, steps, images, home, containers: [], apiKey: randomBytes(24).toString('hex') };
    const model = await smokeTrainer(smoke);
    await smokeApi(smoke, model);
    await smokeMonitor(smoke, model.name);
    write('');
    write('image-check: image sizes');
    for (const line of sizes) write(`  ${line}`);
    write('image-check: step times');
    for (const r of steps.records) write(`  ${r.seconds.toFixed(1).padStart(7)} s  ${r.name}`);
    write(`image-check: passed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return 0;
  } catch (error) {
    const step = error instanceof StepFailure ? error.step : 'image check';
    process.stderr.write(`image-check: FAILED at step '${step}': ${(error as Error).message}\n`);
    if (smoke && keep)
      process.stderr.write(`image-check: kept ${smoke.home} and containers ${smoke.containers.join(', ')}\n`);
    return 1;
  } finally {
    if (smoke && !keep) {
      for (const name of smoke.containers) await buildah.attempt(['rm', name]);
      rmSync(smoke.home, { recursive: true, force: true });
    }
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`image-check: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
