import { escapeHtml as esc } from '@mlops/drift';
import { num } from '../report/renderSections';
import type { ChallengerComparison } from './compareRoles';
import type { RoleSummary } from './RoleComparisonFolder';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${num(v * 100, 3)} %`);

function distribution(role: RoleSummary): string {
  const p = role.predictions;
  if (p.kind === 'classes')
    return Object.entries(p.shares)
      .map(([c, s]) => `${esc(c)}: ${pct(s)}`)
      .join(', ');
  const q = p.quantiles;
  return `mean ${num(p.mean)}; p5 ${num(q.p05)}, p25 ${num(q.p25)}, p50 ${num(q.p50)}, p75 ${num(q.p75)}, p95 ${num(q.p95)}`;
}

function liveCell(role: {
  live_metrics: { metrics: Record<string, number>; matched_labels: number } | null;
}): string {
  const live = role.live_metrics;
  if (!live) return '–';
  const metrics = Object.entries(live.metrics)
    .map(([m, v]) => `${esc(m)} ${num(v)}`)
    .join(', ');
  return `${metrics || '–'} (${live.matched_labels} labelled)`;
}

/**
 * The report's "Champion vs challenger" section: one row per role (count, predictions,
 * latency, live metrics), then agreement (shadow, on the same requests) and PSI / JS of
 * each challenger's predictions against the champion's. Every value is escaped.
 */
export function challengerSection(comparison: ChallengerComparison | null | undefined): string {
  const head = '<section id="challenger"><h2>Champion vs challenger</h2>';
  if (!comparison) return `${head}<p>No challenger traffic in this window.</p></section>`;
  const roles = [comparison.champion, ...comparison.challengers];
  const rows = roles
    .map(
      (r) =>
        `<tr><td>${esc(r.role)}</td><td>v${r.version}</td><td>${r.count}</td><td>${distribution(r)}</td><td>${num(r.latency_ms?.p50, 3)} / ${num(r.latency_ms?.p95, 3)} / ${num(r.latency_ms?.p99, 3)}</td><td>${liveCell(r)}</td></tr>`,
    )
    .join('');
  const compared = comparison.challengers
    .map((c) => {
      const a = c.agreement;
      const agreement = a
        ? `${pct(a.agreement_rate)} of ${a.pairs} paired requests${a.mean_abs_difference !== null ? ` (mean |difference| ${num(a.mean_abs_difference)})` : ''}; ${a.unpaired_shadow} shadow records unpaired`
        : 'different requests (canary): distributions only';
      return `<tr><td>${esc(c.role)} v${c.version}</td><td>${agreement}</td><td>${num(c.distribution?.psi)}</td><td>${num(c.distribution?.jensen_shannon)}</td></tr>`;
    })
    .join('');
  return `${head}<p>Every record logged ${esc(comparison.window.from)} … ${esc(comparison.window.to)}, by role.</p><table><tr><th>role</th><th>version</th><th>predictions</th><th>distribution</th><th>latency p50/p95/p99 ms</th><th>live metrics</th></tr>${rows}</table><table><tr><th>challenger</th><th>agreement with the champion</th><th>PSI</th><th>Jensen–Shannon</th></tr>${compared}</table></section>`;
}
