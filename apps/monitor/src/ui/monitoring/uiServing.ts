import { type ModelRegistry, type PredictionLogWindows, storeLayout } from '@mlops/registry';
import { foldAggregates } from '../../log/foldAggregates';
import { streamStoreLog } from '../../log/streamStoreLog';
import { bucketSums, trafficBuckets } from '../../log/trafficBuckets';
import { requireUiModel } from '../uiModels';
import type { UiServingResponse, UiVersionTraffic } from '../uiTypes';
import { timeWindow, wholeLog } from './logWindow';
import { rangeOf, versionChoices, versionOf } from './uiQuery';

/**
 * `GET /api/ui/models/:name/serving?version=&range=`: the prediction log's traffic in the
 * range, per version (each version folded on its own, from the folds cached beside the
 * log, so no count ever mixes two versions): predictions per bucket, the positive rate of
 * a binary model, and latency percentiles of `latency_ms`. The log holds only answered
 * predictions, so error rates are not here: they come from the replicas' `/metrics`.
 */
export async function uiServing(
  registry: ModelRegistry,
  home: string,
  name: string,
  params: URLSearchParams,
  /** The store's prediction log (`openStores`' `predictionLog`). @default the segment files under `home` */
  log?: PredictionLogWindows,
): Promise<UiServingResponse> {
  await requireUiModel(registry, name);
  const range = rangeOf(params);
  const versions = await versionChoices(registry, name);
  const version = versionOf(params, name, versions);
  const whole = await wholeLog(home, name, log);
  const window = timeWindow(range, whole.first, whole.last);
  const empty = {
    model: name,
    versions,
    version,
    window,
    bucket_minutes: 1,
    buckets: [],
    bucket_covered_minutes: [],
  };
  if (window.from === null || window.to === null) return { ...empty, traffic: [] };
  const buckets = trafficBuckets(window.from, window.to);
  const since = new Date(window.from);
  const asked = version === null ? versions.map((v) => v.version) : [version];
  const traffic: UiVersionTraffic[] = [];
  for (const v of asked) {
    const { fold } = await streamStoreLog({
      log,
      dir: storeLayout(home).predictions,
      model: name,
      config: { version: v, recent: 0 },
      since,
    });
    if (fold.rows === 0) continue;
    const sums = bucketSums(buckets, fold.minutes);
    traffic.push({
      version: v,
      rows: fold.rows,
      counts: sums.map((s) => s[0]),
      positive_rate: fold.outputs.binary ? sums.map((s) => (s[0] ? s[1] / s[0] : null)) : null,
      latency: foldAggregates(fold, 1).latency,
    });
  }
  return {
    ...empty,
    bucket_minutes: buckets.minutes,
    buckets: buckets.starts.map((ms) => new Date(ms).toISOString()),
    bucket_covered_minutes: buckets.covered,
    traffic,
  };
}
