/** The run-time part of an image's OCI configuration. */
export interface ImageConfig {
  User?: string;
  WorkingDir?: string;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Volumes?: Record<string, unknown> | null;
  ExposedPorts?: Record<string, unknown> | null;
}

/**
 * The argv `docker run IMAGE args…` would start: the ENTRYPOINT followed by `args`, or by
 * the CMD when no args are given. `buildah run` takes an explicit argv, so the check builds
 * it this way: a wrong ENTRYPOINT or CMD in a Dockerfile fails the smoke test as it would
 * under Docker, instead of being bypassed by a hand-written command.
 */
export function imageCommand(config: ImageConfig, args: string[] = []): string[] {
  const entrypoint = config.Entrypoint ?? [];
  const argv = [...entrypoint, ...(args.length > 0 ? args : (config.Cmd ?? []))];
  if (argv.length === 0) throw new Error('the image has neither ENTRYPOINT nor CMD: nothing to run');
  return argv;
}
