/**
 * One prediction-log row, field for field `@mlops/registry`'s `PredictionRecord` (the
 * format the API writes), written out here so the kit does not depend on the registry.
 */
export interface LoggedPrediction {
  timestamp: string;
  request_id: string;
  model_name: string;
  model_version: number;
  features: Record<string, number | string | null>;
  entity?: Record<string, number | string>;
  binned?: string[];
  prediction: number | string;
  probability?: number;
  latency_ms: number;
  /** Who made it (absent in older records: the champion). */
  role?: 'champion' | 'canary' | 'shadow';
}

/** Where {@link logTraffic} writes: `@mlops/registry`'s `PredictionLogWriter` is one. */
export interface PredictionSink {
  append(record: LoggedPrediction): void;
  flush(): Promise<void>;
}
