import type { PredictionLogSink } from '@mlops/registry';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ModelStore } from '../models/ModelStore';
import type { ShadowQueue } from '../routing/ShadowQueue';

/** Seconds; fine below 10 ms because a prediction takes well under one. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const PROBABILITY_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
/** Regression outputs have no known scale: decades on both sides of zero. */
const VALUE_BUCKETS = [-1e6, -1e5, -1e4, -1e3, -100, -10, -1, 0, 1, 10, 100, 1e3, 1e4, 1e5, 1e6];

type CounterChild = ReturnType<Counter<string>['labels']>;
type HistogramChild = ReturnType<Histogram<string>['labels']>;
interface RequestChildren {
  count: CounterChild;
  duration: HistogramChild;
}
interface PredictionChildren {
  count: CounterChild;
  latency: HistogramChild;
  probability: HistogramChild;
  value: HistogramChild;
  classCount(name: string): CounterChild;
}

const REQUEST_LABELS: Array<'method' | 'route' | 'status' | 'role'> = ['method', 'route', 'status', 'role'];
const MODEL_LABELS: Array<'model' | 'version'> = ['model', 'version'];
const ROLE_LABELS: Array<'model' | 'version' | 'role'> = ['model', 'version', 'role'];

/** Who made a prediction: production, a canary challenger that answered, a shadow that scored off the response path. */
export type PredictionRoleLabel = 'champion' | 'canary' | 'shadow';

/** Options of {@link ApiMetrics}. */
export interface ApiMetricsOptions {
  /** Also export process metrics (memory, CPU, event-loop lag). @default true */
  processMetrics?: boolean;
  /** The shadow queue whose depth is exported. */
  shadows?: ShadowQueue;
}

/**
 * The Prometheus metrics of one app, in a registry of its own (not prom-client's
 * global one) so that several apps in one process, as in tests, do not collide.
 * Counters the app does not own (log writer, model store) are read at scrape time.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status' | 'role'>;
  private readonly duration: Histogram<'method' | 'route' | 'status' | 'role'>;
  private readonly predictions: Counter<'model' | 'version' | 'role'>;
  private readonly classes: Counter<'model' | 'version' | 'role' | 'class'>;
  private readonly probability: Histogram<'model' | 'version' | 'role'>;
  private readonly value: Histogram<'model' | 'version' | 'role'>;
  private readonly latency: Histogram<'model' | 'version' | 'role'>;
  private readonly shadowDropped: Counter<'model'>;
  private readonly shadowSkipped: Counter<'model'>;
  private readonly requestChildren = new Map<string, RequestChildren>();
  private readonly modelChildren = new Map<string, PredictionChildren>();

  constructor(models: ModelStore, log: PredictionLogSink, options: ApiMetricsOptions = {}) {
    const registers = [this.registry];
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    const counter = <L extends string>(name: string, help: string, labelNames: L[]) =>
      new Counter<L>({ name, help, labelNames, registers });
    const histogram = <L extends string>(name: string, help: string, labelNames: L[], buckets: number[]) =>
      new Histogram<L>({ name, help, labelNames, buckets, registers });
    this.requests = counter(
      'http_requests_total',
      'HTTP requests answered, by route template, status and role (prediction routes: champion or canary, whoever answered; other routes: empty)',
      REQUEST_LABELS,
    );
    this.duration = histogram(
      'http_request_duration_seconds',
      'Time from request to response, by route template, status and role',
      REQUEST_LABELS,
      LATENCY_BUCKETS,
    );
    this.predictions = counter(
      'mlops_predictions_total',
      'Predictions made (batch rows count one each), by model, version and role (champion, canary, shadow)',
      ROLE_LABELS,
    );
    this.classes = counter(
      'mlops_predicted_class_total',
      'Predictions of classifiers, by predicted class and role',
      [...ROLE_LABELS, 'class'],
    );
    this.probability = histogram(
      'mlops_prediction_probability',
      'Probability predicted by classifiers (binary: of the positive class), by role',
      ROLE_LABELS,
      PROBABILITY_BUCKETS,
    );
    this.value = histogram(
      'mlops_prediction_value',
      'Value predicted by regression models, by role',
      ROLE_LABELS,
      VALUE_BUCKETS,
    );
    this.latency = histogram(
      'mlops_prediction_latency_seconds',
      "Time to predict one request (a batch: all its rows of that role), by role: a shadow's is its own scoring, off the response path",
      ROLE_LABELS,
      LATENCY_BUCKETS,
    );
    this.shadowDropped = counter(
      'mlops_shadow_dropped_total',
      'Shadow scorings dropped because the shadow queue was full (MLOPS_SHADOW_QUEUE_LIMIT)',
      ['model'],
    );
    this.shadowSkipped = counter(
      'mlops_shadow_skipped_total',
      "Rows the shadow did not score because they do not fit the challenger's own schema",
      ['model'],
    );
    const shadows = options.shadows;
    if (shadows)
      gaugeFrom('mlops_shadow_queue_depth', 'Shadow scorings waiting off the response path', registers, () =>
        Number(shadows.depth),
      );
    gaugeFrom(
      'mlops_prediction_log_queue_depth',
      'Prediction log rows waiting to be written',
      registers,
      () => Number(log.stats.queued),
    );
    // Monotonic numbers kept by the log writer and the model store, mirrored at scrape time.
    const mirrored: Array<[name: string, help: string, read: () => number]> = [
      ['mlops_prediction_log_written_total', 'Prediction log rows written', () => Number(log.stats.written)],
      [
        'mlops_prediction_log_lost_total',
        'Prediction log rows lost because a write failed (disk full, not writable) or came after shutdown',
        () => Number(log.stats.lost),
      ],
      [
        'mlops_model_reloads_total',
        'Model versions loaded and swapped in',
        () => Number(models.counters.reloads),
      ],
      [
        'mlops_model_reload_failures_total',
        'Model versions that failed to load (the previous version kept serving)',
        () => Number(models.counters.failedReloads),
      ],
    ];
    for (const [name, help, read] of mirrored) counterFrom(name, help, registers, read);
    const seenFailures = new Map<string, number>();
    new Counter({
      name: 'mlops_model_load_failures_total',
      help: 'Failed loads by model and version (version "unknown": the production pointer could not be read)',
      labelNames: MODEL_LABELS,
      registers,
      collect() {
        for (const { model, version, count } of models.loadFailureCounts()) {
          const key = `${model}\0${version}`;
          const delta = count - (seenFailures.get(key) ?? 0);
          if (delta > 0) this.inc({ model, version }, delta);
          seenFailures.set(key, count);
        }
      },
    });
    new Gauge({
      name: 'mlops_model_load_error',
      help: '1 for each model whose latest load failed, labelled with the version that failed (the served one, if any, keeps serving)',
      labelNames: MODEL_LABELS,
      registers,
      collect() {
        this.reset();
        for (const failure of models.loadFailures())
          this.set(
            {
              model: failure.name,
              version: failure.version === undefined ? 'unknown' : String(failure.version),
            },
            1,
          );
      },
    });
    new Gauge({
      name: 'mlops_model_version',
      help: 'Version of each model being served',
      labelNames: ['model'],
      registers,
      collect() {
        this.reset();
        for (const model of models.list()) this.set({ model: model.name }, model.version);
      },
    });
  }

  /** Counts one answered request; `route` is the route template, never the raw path; `role` who answered ('' off the prediction routes). */
  observeRequest(method: string, route: string, status: number, seconds: number, role = ''): void {
    // Label children bound once per (method, route, status, role): no label object per request.
    const key = `${method} ${route} ${status} ${role}`;
    let bound = this.requestChildren.get(key);
    if (!bound) {
      const labels = { method, route, status: String(status), role };
      bound = { count: this.requests.labels(labels), duration: this.duration.labels(labels) };
      this.requestChildren.set(key, bound);
    }
    bound.count.inc();
    bound.duration.observe(seconds);
  }

  /** Counts the predictions of one model version in one role with their outputs, and the time they took. */
  observePredictions(
    model: string,
    version: number,
    role: PredictionRoleLabel,
    predictions: ArrayLike<number | string>,
    probabilities: ArrayLike<number> | undefined,
    seconds?: number,
  ): void {
    const bound = this.predictionChildren(model, version, role);
    bound.count.inc(predictions.length);
    if (seconds !== undefined) bound.latency.observe(seconds);
    if (probabilities) {
      if (predictions.length === 1) {
        bound.classCount(String(predictions[0])).inc();
        bound.probability.observe(probabilities[0]);
        return;
      }
      // One inc per class present rather than per row: batches have few classes.
      const perClass = new Map<string, number>();
      for (let i = 0; i < predictions.length; i += 1) {
        const key = String(predictions[i]);
        perClass.set(key, (perClass.get(key) ?? 0) + 1);
        bound.probability.observe(probabilities[i]);
      }
      for (const [key, count] of perClass) bound.classCount(key).inc(count);
    } else {
      for (let i = 0; i < predictions.length; i += 1) bound.value.observe(Number(predictions[i]));
    }
  }

  /** Counts one shadow scoring dropped because the queue was full. */
  observeShadowDropped(model: string): void {
    this.shadowDropped.inc({ model });
  }

  /** Counts rows the shadow skipped (they do not fit its schema). */
  observeShadowSkipped(model: string, rows: number): void {
    this.shadowSkipped.inc({ model }, rows);
  }

  /** The label children of one model version in one role, bound on its first prediction. */
  private predictionChildren(model: string, version: number, role: PredictionRoleLabel): PredictionChildren {
    const key = `${model}\0${version}\0${role}`;
    let bound = this.modelChildren.get(key);
    if (bound) return bound;
    const labels = { model, version: String(version), role };
    const classes = new Map<string, ReturnType<Counter<'model' | 'version' | 'role' | 'class'>['labels']>>();
    bound = {
      count: this.predictions.labels(labels),
      latency: this.latency.labels(labels),
      probability: this.probability.labels(labels),
      value: this.value.labels(labels),
      classCount: (name) => {
        let child = classes.get(name);
        if (!child) {
          child = this.classes.labels({ ...labels, class: name });
          classes.set(name, child);
        }
        return child;
      },
    };
    this.modelChildren.set(key, bound);
    return bound;
  }

  /** The Prometheus text exposition of every metric. */
  async text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

function gaugeFrom(name: string, help: string, registers: Registry[], read: () => number): void {
  new Gauge({
    name,
    help,
    registers,
    collect() {
      this.set(read());
    },
  });
}

/** A counter mirroring a monotonic number kept elsewhere. */
function counterFrom(name: string, help: string, registers: Registry[], read: () => number): void {
  let seen = 0;
  new Counter({
    name,
    help,
    registers,
    collect() {
      const now = read();
      if (now > seen) this.inc(now - seen);
      seen = now;
    },
  });
}
