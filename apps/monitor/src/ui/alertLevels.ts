// Plain data, shared by the browser code (the legend) and the tests that hold it to the rule.

/**
 * What each drift level means, in the rule `@mlops/drift`'s `alertLevel` applies
 * (a test holds the two together): the legend the models pages and the dashboard show.
 */
export const ALERT_LEVELS: readonly { level: string; meaning: string }[] = [
  { level: 'stable', meaning: 'no feature drifted: keep serving' },
  { level: 'watch', meaning: 'one or two features drifted, fewer than half of them: look closer' },
  {
    level: 'retrain',
    meaning:
      'three or more features, or at least half of them, drifted: retrain (monitor run --on-retrain runs your command)',
  },
  {
    level: 'nothing to compare',
    meaning: 'too few predictions or no testable feature in the window: no verdict',
  },
];
