import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { Buildah } from './Buildah';
import { debianMirror } from './debianMirror';
import { runChecked } from './runCommand';

/** Bump when the recipe below changes, so cached base images are rebuilt. */
const RECIPE = 2;
const SUITE = 'bookworm';
const CA_PATH = '/usr/local/share/ca-certificates/mlops-build-ca.crt';

/** What the stand-in base image is made from; its hash is the cache key. */
export interface BaseImageInputs {
  nodeVersion: string;
  npmVersion: string;
  mirror: string;
  /** sha256 of the CA bundle `NODE_EXTRA_CA_CERTS` names, when set. */
  caBundle?: string;
}

/** The cache key of a stand-in base image: the recipe, Node and npm versions, mirror and CA bundle. */
export function baseImageKey(inputs: BaseImageInputs): string {
  return createHash('sha256')
    .update(JSON.stringify({ recipe: RECIPE, suite: SUITE, ...inputs }))
    .digest('hex')
    .slice(0, 16);
}

/** The stand-in's name: what the Dockerfiles' `NODE_IMAGE` build argument is set to. */
export function baseImageName(nodeVersion: string): string {
  return `localhost/node:${nodeVersion.replace(/^v/, '').split('.')[0]}-${SUITE}-slim`;
}

/** Where this machine's npm lives: its `bin/npm-cli.js` resolves there. */
function npmDir(): string {
  const nodeDir = dirname(process.execPath);
  for (const candidate of [
    join(nodeDir, 'npm'),
    join(nodeDir, '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
  ]) {
    if (existsSync(candidate)) return dirname(dirname(realpathSync(candidate)));
  }
  throw new Error(`npm not found beside ${process.execPath}: install npm for this Node`);
}

/** Result of {@link ensureBaseImage}. */
export interface BaseImage {
  name: string;
  key: string;
  reused: boolean;
}

/**
 * Makes (or reuses, by cache key) `localhost/node:<major>-bookworm-slim`: a stand-in for the
 * official image, for machines that reach the Debian mirror but no image registry. Debian
 * bookworm minbase from the mirror apt uses, this machine's Node binary and npm in
 * /usr/local, a `node` user (uid/gid 1000) as in the official image, and the CA bundle
 * this machine's TLS needs (`NODE_EXTRA_CA_CERTS`), so npm inside builds reaches the registry.
 */
export async function ensureBaseImage(buildah: Buildah, workDir: string): Promise<BaseImage> {
  const mirror = process.env.MLOPS_DEBIAN_MIRROR || debianMirror(SUITE);
  if (!mirror)
    throw new Error(`no apt source lists Debian ${SUITE}: set MLOPS_DEBIAN_MIRROR to a Debian mirror URL`);
  const npm = npmDir();
  const npmVersion = (JSON.parse(readFileSync(join(npm, 'package.json'), 'utf8')) as { version: string })
    .version;
  const ca = process.env.NODE_EXTRA_CA_CERTS;
  const caBundle =
    ca && existsSync(ca) ? createHash('sha256').update(readFileSync(ca)).digest('hex') : undefined;
  const key = baseImageKey({ nodeVersion: process.version, npmVersion, mirror, caBundle });
  const name = baseImageName(process.version);
  const labels = await buildah.labels(name);
  if (labels?.['org.mlops.base-key'] === key) return { name, key, reused: true };

  const rootfs = join(workDir, 'base-rootfs');
  rmSync(rootfs, { recursive: true, force: true });
  await runChecked('debootstrap', ['--variant=minbase', SUITE, rootfs, mirror]);
  mkdirSync(join(rootfs, 'usr/local/bin'), { recursive: true });
  copyFileSync(process.execPath, join(rootfs, 'usr/local/bin/node'));
  cpSync(npm, join(rootfs, 'usr/local/lib/node_modules/npm'), { recursive: true });
  symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', join(rootfs, 'usr/local/bin/npm'));
  symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', join(rootfs, 'usr/local/bin/npx'));
  await runChecked('chroot', [rootfs, 'groupadd', '--gid', '1000', 'node']);
  await runChecked('chroot', [
    rootfs,
    'useradd',
    '--uid',
    '1000',
    '--gid',
    'node',
    '--shell',
    '/bin/bash',
    '--create-home',
    'node',
  ]);
  const changes = [
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    `ENV NODE_VERSION=${process.version.replace(/^v/, '')}`,
    `LABEL org.mlops.base-key=${key}`,
    'CMD ["node"]',
  ];
  if (ca && caBundle) {
    mkdirSync(join(rootfs, dirname(CA_PATH)), { recursive: true });
    copyFileSync(ca, join(rootfs, CA_PATH));
    changes.push(`ENV NODE_EXTRA_CA_CERTS=${CA_PATH}`);
  }
  // What the official slim image leaves out too: apt's lists and caches, docs.
  for (const dir of [
    'var/lib/apt/lists',
    'var/cache/apt',
    'usr/share/doc',
    'usr/share/man',
    'usr/share/info',
  ])
    rmSync(join(rootfs, dir), { recursive: true, force: true });

  const tarball = join(workDir, 'base-rootfs.tar');
  await runChecked('tar', ['--numeric-owner', '-C', rootfs, '-cf', tarball, '.']);
  const { root, runRoot } = buildah.storage;
  await runChecked('podman', [
    '--root',
    root,
    '--runroot',
    runRoot,
    'import',
    ...changes.flatMap((change) => ['--change', change]),
    tarball,
    name,
  ]);
  rmSync(rootfs, { recursive: true, force: true });
  rmSync(tarball, { force: true });
  return { name, key, reused: false };
}
