import { type ChildProcess, spawn } from 'node:child_process';
import { containerProcess } from './containerProcess';
import { type ImageConfig, imageCommand } from './imageCommand';
import { type CommandResult, type RunOptions, runChecked, runCommand, tail } from './runCommand';

/** Where buildah keeps its images and containers: outside the clone, so builds never see them. */
export interface BuildahStorage {
  /** Image and layer storage (`--root`). */
  root: string;
  /** Run-time state (`--runroot`). */
  runRoot: string;
}

/** How one `buildah run` of a container is started. */
export interface ContainerRun {
  /** Arguments after the image name, as `docker run IMAGE args…` takes them (ENTRYPOINT + args, or + CMD). */
  args?: string[];
  env?: Record<string, string>;
  /** Host folder → container path, bound read-write. */
  mounts?: Record<string, string>;
}

/** The parts of `buildah inspect --type image` the check reads. */
interface InspectedImage {
  OCIv1?: { config?: ImageConfig & { Labels?: Record<string, string> } };
  Docker?: { config?: { Healthcheck?: { Test?: string[] } } };
}

/** A started background container process, stopped by a signal. */
export interface RunningContainer {
  child: ChildProcess;
  /** Sends `signal` to the container's own process (as `docker stop` does), not to buildah. */
  signal(signal: NodeJS.Signals): void;
  /** SIGKILL to the container's process and to buildah (cleanup after a failure: nothing is left running). */
  kill(): void;
  /** SIGTERM, then its exit within `timeoutMs` (throws if it does not stop). */
  stop(timeoutMs: number): Promise<CommandResult>;
  output(): string;
  exited: Promise<CommandResult>;
}

/**
 * buildah with its storage under a root of our own. Containers run with chroot isolation
 * (the only one that works without a Docker engine or user namespaces here); they share
 * the host's network, so servers are reached on 127.0.0.1 at the port they are given.
 */
export class Buildah {
  constructor(readonly storage: BuildahStorage) {}

  private args(rest: string[]): string[] {
    return ['--root', this.storage.root, '--runroot', this.storage.runRoot, ...rest];
  }

  /** Runs one buildah subcommand that must succeed; returns its stdout. */
  run(rest: string[], options?: RunOptions): Promise<string> {
    return runChecked('buildah', this.args(rest), options);
  }

  /** Runs one buildah subcommand, whatever its exit code. */
  attempt(rest: string[], options?: RunOptions): Promise<CommandResult> {
    return runCommand('buildah', this.args(rest), options);
  }

  /** The image as `buildah inspect` shows it (this buildah's --format has no `json` function), or undefined. */
  private async inspect(image: string): Promise<InspectedImage | undefined> {
    const result = await this.attempt(['inspect', '--type', 'image', image]);
    return result.code === 0 ? (JSON.parse(result.stdout) as InspectedImage) : undefined;
  }

  /** The image's run-time configuration (ENTRYPOINT, CMD, USER, WORKDIR…). */
  async imageConfig(image: string): Promise<ImageConfig> {
    const inspected = await this.inspect(image);
    if (!inspected) throw new Error(`no image ${image}`);
    return inspected.OCIv1?.config ?? {};
  }

  /** The image's labels, or undefined when there is no such image. */
  async labels(image: string): Promise<Record<string, string> | undefined> {
    const inspected = await this.inspect(image);
    return inspected ? (inspected.OCIv1?.config?.Labels ?? {}) : undefined;
  }

  /** The image's size in bytes, all layers (podman reads the same storage; buildah only prints a rounded text). */
  async imageSize(image: string): Promise<number> {
    const { root, runRoot } = this.storage;
    const out = await runChecked('podman', [
      '--root',
      root,
      '--runroot',
      runRoot,
      'image',
      'inspect',
      '--format',
      '{{.Size}}',
      image,
    ]);
    const size = Number(out.trim());
    if (!Number.isFinite(size)) throw new Error(`podman image inspect shows no size for ${image}: ${out}`);
    return size;
  }

  /** A working container of `image`; returns its name. */
  async from(image: string, name: string): Promise<string> {
    await this.attempt(['rm', name]);
    return (await this.run(['from', '--name', name, image])).trim();
  }

  /** The image's HEALTHCHECK as an argv (`CMD-SHELL` through /bin/sh); built with `--format docker` to keep it. */
  async healthcheck(image: string): Promise<string[]> {
    const test = (await this.inspect(image))?.Docker?.config?.Healthcheck?.Test ?? [];
    if (test[0] === 'CMD' && test.length > 1) return test.slice(1);
    if (test[0] === 'CMD-SHELL' && test.length === 2) return ['/bin/sh', '-c', test[1]];
    throw new Error(`${image} has no HEALTHCHECK command (Test: ${JSON.stringify(test)})`);
  }

  /** Runs an explicit argv in a container (beside what already runs there), as the image's user. */
  exec(
    container: string,
    config: ImageConfig,
    argv: string[],
    run: ContainerRun = {},
  ): Promise<CommandResult> {
    const bare = { ...config, Entrypoint: null, Cmd: null };
    return runCommand('buildah', this.runArgs(container, bare, { ...run, args: argv }));
  }

  /** The argv for `buildah run` of `container` as `docker run` would start it (image USER, WORKDIR, ENTRYPOINT/CMD). */
  private runArgs(container: string, config: ImageConfig, run: ContainerRun): string[] {
    const args = ['run', '--isolation', 'chroot'];
    if (config.User) args.push('--user', config.User);
    if (config.WorkingDir) args.push('--workingdir', config.WorkingDir);
    for (const [key, value] of Object.entries(run.env ?? {})) args.push('-e', `${key}=${value}`);
    for (const [src, dst] of Object.entries(run.mounts ?? {}))
      args.push('--mount', `type=bind,src=${src},dst=${dst},rw=true`);
    return this.args([...args, container, '--', ...imageCommand(config, run.args)]);
  }

  /** Runs the container's command to completion (a job: the trainer, `monitor run`). */
  runJob(container: string, config: ImageConfig, run: ContainerRun): Promise<CommandResult> {
    return runCommand('buildah', this.runArgs(container, config, run));
  }

  /** Starts the container's command in the background (a server); stop it with `child.kill('SIGTERM')`. */
  start(container: string, config: ImageConfig, run: ContainerRun): RunningContainer {
    const child = spawn('buildah', this.runArgs(container, config, run), {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const argv0 = imageCommand(config, run.args)[0];
    const signal = (name: NodeJS.Signals) => {
      const pid = child.pid === undefined ? undefined : containerProcess(child.pid, argv0);
      if (pid === undefined)
        throw new Error(`no '${argv0}' process under buildah run (pid ${child.pid}) to signal`);
      process.kill(pid, name);
    };
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    const exited = new Promise<CommandResult>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
    const stop = async (timeoutMs: number) => {
      signal('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), timeoutMs);
      });
      const result = await Promise.race([exited, late]);
      clearTimeout(timer);
      if (!result)
        throw new Error(`did not stop within ${timeoutMs / 1000} s of SIGTERM:\n${tail(stdout + stderr)}`);
      return result;
    };
    const kill = () => {
      try {
        signal('SIGKILL');
      } catch {
        // Not started or already gone.
      }
      child.kill('SIGKILL');
    };
    return { child, signal, stop, kill, output: () => stdout + stderr, exited };
  }
}
