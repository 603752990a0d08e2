/** The rules the deployment checks apply; each finding names one. */
export type DeployRule =
  | 'unreadable'
  | 'dockerfile-copy-missing'
  | 'dockerfile-copy-ignored'
  | 'dockerfile-copy-from'
  | 'dockerfile-multi-stage'
  | 'dockerfile-prune'
  | 'dockerfile-frozen-lockfile'
  | 'dockerfile-pnpm-version'
  | 'dockerfile-user'
  | 'dockerfile-node-env'
  | 'dockerfile-healthcheck'
  | 'dockerfile-deploy'
  | 'dockerfile-command'
  | 'image-missing-dependency'
  | 'dockerignore'
  | 'compose-service'
  | 'compose-build'
  | 'compose-replicas'
  | 'compose-port'
  | 'compose-depends-on'
  | 'compose-healthcheck'
  | 'compose-one-shot'
  | 'compose-volume'
  | 'compose-bind-mount'
  | 'compose-shared-home'
  | 'compose-secret-literal'
  | 'compose-database'
  | 'env-undeclared'
  | 'env-secret-value'
  | 'prometheus-scrape'
  | 'prometheus-rule-file'
  | 'alert-missing'
  | 'metric-unknown'
  | 'grafana-datasource'
  | 'grafana-panel';

/** One problem found in a deployment file: the rule, the file (relative to the repo root) and the fix. */
export interface Finding {
  rule: DeployRule;
  /** Path relative to the repository root, with `:line` when known. */
  file: string;
  /** One line: what is wrong and how to fix it. */
  message: string;
}
