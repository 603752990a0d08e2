import { type ModelRegistry, type PredictionLogWindows, storeLayout } from '@mlops/registry';
import { foldAggregates } from '../../log/foldAggregates';
import { LatencyBuckets } from '../../log/LatencyBuckets';
import { LogFolder } from '../../log/LogFolder';
import { streamStoreLog } from '../../log/streamStoreLog';
import { bucketSums, trafficBuckets } from '../../log/trafficBuckets';
import { requireUiModel } from '../uiModels';
import type { UiServingResponse, UiVersionTraffic } from '../uiTypes';
import { timeWindow, wholeLog } from './logWindow';
import { timeQueryOf, versionChoices, versionOf } from './uiQuery';

/**
 * `GET /api/ui/models/:name/serving?version=&range=` (or `from=&to=`): the prediction
 * log's traffic in the range, per version (no count ever mixes two versions): predictions
 * per bucket, the positive rate of a binary model, latency percentiles of `latency_ms`
 * over the range and p50/p95/p99 per bucket. The range's records are streamed once
 * through `streamStoreLog` (the segment files overlapping the range, or PostgreSQL's
 * `readWindow` on its index) and folded into per-version folds and per-bucket latency
 * counts as they pass, so memory is bounded by the buckets, not the log. The log holds only
 * answered predictions, so error rates are not here: they come from the replicas' `/metrics`.
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
  const query = timeQueryOf(params);
  const versions = await versionChoices(registry, name);
  const version = versionOf(params, name, versions);
  // A preset ends at the newest logged prediction (the whole log's fold); a custom range has its own ends.
  const whole = query.range === 'custom' ? null : await wholeLog(home, name, log);
  const window = timeWindow(query, whole?.first ?? null, whole?.last ?? null);
  const empty = {
    model: name,
    versions,
    version,
    window,
    bucket_minutes: 1,
    buckets: [],
    bucket_covered_minutes: [],
  };
  if (window.from === null || window.to === null || whole?.rows === 0) return { ...empty, traffic: [] };
  const buckets = trafficBuckets(window.from, window.to);
  const asked = version === null ? versions.map((v) => v.version) : [version];
  const perVersion = new Map(
    asked.map((v) => [
      v,
      { folder: new LogFolder({ version: v, recent: 0 }), latency: new LatencyBuckets(buckets) },
    ]),
  );
  await streamStoreLog({
    log,
    dir: storeLayout(home).predictions,
    model: name,
    config: { version: null, recent: 0 },
    since: new Date(window.from),
    // Both ends of a window are included: `to` is a logged time, or the custom range's end.
    until: new Date(Date.parse(window.to) + 1),
    visit: (record) => {
      const of = perVersion.get(record.model_version);
      if (!of) return;
      of.folder.add(record);
      of.latency.add(record.timestamp, record.latency_ms);
    },
  });
  const traffic: UiVersionTraffic[] = [];
  for (const [v, { folder, latency }] of perVersion) {
    const fold = folder.finish();
    if (fold.rows === 0) continue;
    const sums = bucketSums(buckets, fold.minutes);
    traffic.push({
      version: v,
      rows: fold.rows,
      counts: sums.map((s) => s[0]),
      positive_rate: fold.outputs.binary ? sums.map((s) => (s[0] ? s[1] / s[0] : null)) : null,
      latency: foldAggregates(fold, 1).latency,
      latency_over_time: latency.percentiles(),
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
