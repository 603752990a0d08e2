import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegistry, openRunStore, type RunRecord } from '@mlops/registry';
import { trainedVersion } from '@mlops/testkit';

/** An error text that is markup: the UI must show it as these characters. */
export const MARKUP_ERROR = '<img src=x onerror=alert(2)>';

/** The runs {@link runsHome} made, by role. */
export interface RunsHome {
  home: string;
  logistic: RunRecord;
  tree: RunRecord;
  study: RunRecord;
  /** The study's trials, in the order they ran; the last one was pruned. */
  trials: RunRecord[];
  failed: RunRecord;
  /** The bytes of `logistic`'s `model.json` artifact. */
  artifactBytes: number;
}

/**
 * A fresh MLOPS_HOME whose runs are made through the real run store, as the trainer
 * makes them (`start`, `logMetrics`, `addArtifact`, `end`): two finished trainings of
 * churn (logistic roc_auc 0.71 with an artifact and a version registered from it,
 * tree 0.83), a tuning study (roc_auc 0.8) with three trials (score 0.75, 0.8, and
 * one pruned at 0.6), and a failed fraud training whose error is markup.
 */
export async function runsHome(prefix: string): Promise<RunsHome> {
  const home = mkdtempSync(join(tmpdir(), prefix));
  const runs = openRunStore(home);
  const data = join(home, 'datasets', 'churn.arrow');
  const finished = async (run: RunRecord, metrics: Record<string, number>) =>
    runs.end(run.id, { status: 'finished', metrics });

  const logisticRun = await runs.start({
    experiment: 'churn',
    kind: 'train',
    params: { model: 'logistic', seed: 1, data, split: 'random' },
    tags: { owner: 'ana' },
  });
  const artifact = JSON.stringify({ format: 'fixture', weights: [0.1, 0.2, 0.3] });
  await runs.addArtifact(logisticRun.id, 'model.json', artifact);
  await runs.logMetrics(logisticRun.id, { fit_seconds: 0.5 });
  const logistic = await finished(logisticRun, { roc_auc: 0.71, f1: 0.52 });
  await openRegistry(home).registerVersion('churn', {
    ...trainedVersion({ dataset: 'churn', rows: 1_500, seed: 1 }),
    runId: logistic.id,
  });

  const tree = await finished(
    await runs.start({ experiment: 'churn', kind: 'train', params: { model: 'tree', seed: 1, data } }),
    { roc_auc: 0.83, f1: 0.61 },
  );

  const studyRun = await runs.start({
    experiment: 'churn',
    kind: 'tune',
    params: { model: 'forest', trials: 3, metric: 'roc_auc', seed: 7, data },
  });
  const trials: RunRecord[] = [];
  for (const [depth, score] of [
    [2, 0.75],
    [4, 0.8],
  ]) {
    const trial = await runs.start({
      experiment: 'churn',
      kind: 'trial',
      parentId: studyRun.id,
      params: { model: 'forest', max_depth: depth },
    });
    trials.push(await finished(trial, { roc_auc: score, score }));
  }
  const pruned = await runs.start({
    experiment: 'churn',
    kind: 'trial',
    parentId: studyRun.id,
    params: { model: 'forest', max_depth: 8 },
  });
  await runs.logMetrics(pruned.id, { score: 0.6 });
  trials.push(await runs.end(pruned.id, { status: 'pruned', error: 'pruned at round 3' }));
  const study = await finished(studyRun, { roc_auc: 0.8, best_max_depth: 4 });

  const failedRun = await runs.start({
    experiment: 'fraud',
    kind: 'train',
    params: { model: 'boosting', data: join(home, 'datasets', 'fraud.arrow') },
  });
  const failed = await runs.end(failedRun.id, { status: 'failed', error: MARKUP_ERROR });
  return { home, logistic, tree, study, trials, failed, artifactBytes: Buffer.byteLength(artifact) };
}

/**
 * Two finished housing regressions added to `home`'s runs, whose R² are the old
 * static comparison's failure cases: a negative one (-0.2, which a chart scaled
 * from its own maximum cannot draw) and a barely positive one (0.012, which it drew
 * full length). Kept apart from {@link runsHome}, whose counts the runs pages check.
 */
export async function regressionRuns(home: string): Promise<{ negative: RunRecord; small: RunRecord }> {
  const runs = openRunStore(home);
  const data = join(home, 'datasets', 'housing.arrow');
  const trained = async (model: string, r2: number, rmse: number) =>
    runs.end(
      (await runs.start({ experiment: 'housing', kind: 'train', params: { model, seed: 1, data } })).id,
      { status: 'finished', metrics: { r2, rmse } },
    );
  const negative = await trained('linear', -0.2, 61_000);
  const small = await trained('tree', 0.012, 52_000);
  return { negative, small };
}
