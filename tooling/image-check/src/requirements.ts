import { runCommand } from './runCommand';

/** The programs the check runs, and the Debian package each comes from. */
const TOOLS: Record<string, string> = {
  buildah: 'buildah',
  podman: 'podman',
  debootstrap: 'debootstrap',
  chroot: 'coreutils',
  tar: 'tar',
};

async function has(command: string): Promise<boolean> {
  const result = await runCommand('sh', ['-c', `command -v ${command}`]);
  return result.code === 0;
}

/**
 * What this machine lacks for the check, as one message naming the fix, or undefined.
 * buildah's chroot isolation and debootstrap need root.
 */
export async function missingRequirements(): Promise<string | undefined> {
  const missing: string[] = [];
  for (const [tool, pkg] of Object.entries(TOOLS)) if (!(await has(tool))) missing.push(pkg);
  const problems: string[] = [];
  if (missing.length > 0)
    problems.push(
      `missing ${[...new Set(missing)].join(', ')}: run 'apt-get install -y ${[...new Set(missing)].join(' ')}'`,
    );
  if (process.getuid?.() !== 0)
    problems.push('it runs as root (debootstrap, chroot isolation): run it with sudo');
  return problems.length > 0 ? problems.join('; ') : undefined;
}

/** Whether a Docker engine answers here (then `docker compose up` and the docker workflow are the fuller test). */
export async function dockerEngineAnswers(): Promise<boolean> {
  if (!(await has('docker'))) return false;
  return (await runCommand('docker', ['info'])).code === 0;
}
