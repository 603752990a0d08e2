import { lastJsonLine } from './lastJsonLine';
import { tail } from './runCommand';
import { container, HOME_IN_CONTAINER, homeRun, type SmokeContext } from './SmokeContext';

/** What the trainer steps leave for the API steps. */
export interface TrainedModel {
  name: string;
  /** The version quickstart put in production. */
  production: number;
  /** A second version, registered and not promoted. */
  candidate: number;
  /** A valid `POST /predict` body from quickstart. */
  example: Record<string, unknown>;
}

/**
 * The trainer image as compose runs it (its default command: quickstart), then again with
 * `--json` (production must be reused, and the example request is read from it), then a
 * second churn version registered without promotion for the API's promote step.
 */
export async function smokeTrainer(context: SmokeContext): Promise<TrainedModel> {
  const { buildah, steps, images } = context;
  const trainer = await container(context, images.trainer, 'trainer');
  const job = async (args: string[], expectCode = 0) => {
    const result = await buildah.runJob(trainer, images.trainer.config, { ...homeRun(context), args });
    if (result.code !== expectCode)
      throw new Error(
        `exited ${result.code ?? result.signal}, expected ${expectCode}:\n${tail(result.stderr + result.stdout)}`,
      );
    return result;
  };

  await steps.step('trainer: default command (quickstart) registers and promotes churn', () => job([]));
  const quick = await steps.step(
    'trainer: quickstart again reuses production',
    async () => {
      const json = lastJsonLine((await job(['quickstart', '--json'])).stdout);
      if (json?.reused !== true || typeof json.version !== 'number' || typeof json.example !== 'object')
        throw new Error(
          `quickstart --json did not report a reused production version: ${JSON.stringify(json)}`,
        );
      return json as { name: string; version: number; example: Record<string, unknown> };
    },
    (json) => `${json.name} v${json.version}`,
  );
  const candidate = await steps.step(
    'trainer: train registers a second version (--no-promote)',
    async () => {
      const data = `${HOME_IN_CONTAINER}/datasets/churn.prepared.arrow`;
      const args = [
        'train',
        '--data',
        data,
        '--model',
        // Logistic (as quickstart) with another seed: a new version in seconds.
        'logistic',
        '--seed',
        '7',
        '--name',
        quick.name,
        '--no-promote',
        '--json',
      ];
      const json = lastJsonLine((await job(args)).stdout);
      if (typeof json?.version !== 'number' || json.version === quick.version)
        throw new Error(`train --json did not report a new version: ${JSON.stringify(json)}`);
      return json.version;
    },
    (version) => `${quick.name} v${version}`,
  );
  return { name: quick.name, production: quick.version, candidate, example: quick.example };
}
