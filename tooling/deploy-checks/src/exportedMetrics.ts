import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Metric names the apps export: every word that looks like one of the apps' metrics (`mlops_…`,
 * `http_…`) in `apps/*\/src` (tests excluded), whether given to prom-client or written by hand in
 * the exposition format. Histograms also export `_bucket`, `_sum` and `_count`, added here.
 */
export function exportedMetrics(root: string): Set<string> {
  const names = new Set<string>();
  const appsDir = join(root, 'apps');
  if (!existsSync(appsDir)) return names;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'generated') visit(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/\b((?:mlops|http)_[a-z0-9_]+)\b/g)) {
          for (const suffix of ['', '_bucket', '_sum', '_count']) names.add(`${match[1]}${suffix}`);
        }
      }
    }
  };
  for (const app of readdirSync(appsDir)) {
    if (existsSync(join(appsDir, app, 'src'))) visit(join(appsDir, app, 'src'));
  }
  return names;
}

/** The app metric names (`mlops_…`, `http_…`) a PromQL expression uses. */
export function metricsInExpression(expr: string): string[] {
  // Label values (inside quotes) are not metric names.
  const withoutStrings = expr.replace(/"[^"]*"/g, '""');
  return [...new Set([...withoutStrings.matchAll(/\b((?:mlops|http)_[a-z0-9_]+)\b/g)].map((m) => m[1]))];
}
