import type { Buildah } from './Buildah';
import type { ImageConfig } from './imageCommand';
import type { StepRunner } from './StepRunner';

/** Where the containers keep MLOPS_HOME: one host folder bound into each of them. */
export const HOME_IN_CONTAINER = '/mnt/home';

/** One built image and its run-time configuration. */
export interface BuiltImage {
  name: string;
  config: ImageConfig;
}

/** What every smoke step needs. */
export interface SmokeContext {
  buildah: Buildah;
  steps: StepRunner;
  images: { trainer: BuiltImage; api: BuiltImage; monitor: BuiltImage };
  /** The host folder bound at {@link HOME_IN_CONTAINER} in every container (owned by uid 1000). */
  home: string;
  /** Working containers made so far, removed at the end. */
  containers: string[];
  /** The admin key the API and monitor containers get. */
  apiKey: string;
}

/**
 * The bind mount and environment every container gets. The mount is not the image's
 * `VOLUME /data`: a bind onto a VOLUME path shows an empty folder under `buildah run`.
 */
export function homeRun(context: SmokeContext, env: Record<string, string> = {}) {
  return { mounts: { [context.home]: HOME_IN_CONTAINER }, env: { MLOPS_HOME: HOME_IN_CONTAINER, ...env } };
}

/** A fresh working container of one of the images. */
export async function container(context: SmokeContext, image: BuiltImage, name: string): Promise<string> {
  const made = await context.buildah.from(image.name, `mlops-image-check-${name}`);
  context.containers.push(made);
  return made;
}
