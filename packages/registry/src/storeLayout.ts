import { join } from 'node:path';

/** Where each part of the store lives under `MLOPS_HOME`. One place, so no two parts disagree. */
export interface StoreLayout {
  home: string;
  /** Model versions, aliases and audit logs. */
  models: string;
  /** Prediction log segments, one folder per model. */
  predictions: string;
  /** Datasets the trainer generates and prepares. */
  datasets: string;
  /** Monitoring reports. */
  reports: string;
  /** Experiment runs and their artifacts. */
  runs: string;
  /** Content-addressed outputs of pipeline stages, restored when a stage is skipped. */
  cache: string;
}

/** The layout of the store rooted at `home`. */
export function storeLayout(home: string): StoreLayout {
  return {
    home,
    models: join(home, 'registry', 'models'),
    predictions: join(home, 'predictions'),
    datasets: join(home, 'datasets'),
    reports: join(home, 'reports'),
    runs: join(home, 'runs'),
    cache: join(home, 'cache'),
  };
}
