import type { GateResult } from '@mlops/registry';

/**
 * A gate evaluation as summary lines: the failed rules first when it refused (each
 * with its value and threshold), then the baseline's and production's figures on
 * the primary metrics, so a user sees why without opening the registry.
 */
export function gateSummary(gate: GateResult, refused: boolean): string[] {
  const checks = gate.rules
    ? gate.checks.filter((_, i) => (refused ? !gate.rules?.[i]?.passed : true))
    : gate.checks;
  const lines = checks.map((check) => `  ${check}`);
  const metrics = [...new Set((gate.rules ?? []).map((rule) => rule.metric))];
  const figures = (values: Record<string, number>) =>
    metrics
      .filter((metric) => typeof values[metric] === 'number')
      .map((metric) => `${metric} ${values[metric].toFixed(4)}`)
      .join(', ');
  if (gate.baseline && figures(gate.baseline)) lines.push(`  trivial baseline: ${figures(gate.baseline)}`);
  const production = gate.production;
  if (production && !production.error && figures(production.metrics)) {
    const rows = production.sameRows
      ? `on the same ${production.rows} rows`
      : 'registered metrics (no stored test rows)';
    lines.push(`  production v${production.version} ${rows}: ${figures(production.metrics)}`);
  } else if (production?.error) {
    lines.push(`  production v${production.version} ${production.error}`);
  } else if (gate.rules?.some((rule) => rule.against === 'production')) {
    lines.push('  no production version yet');
  }
  return lines;
}
