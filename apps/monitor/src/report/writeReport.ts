import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '@mlops/features';
import type { MonitorReport } from './MonitorReport';
import { renderHtml } from './renderHtml';
import { reportCharts } from './reportCharts';

export { reportCharts } from './reportCharts';

/** Writes report.json, report.html and charts/*.svg into `dir`, each atomically. */
export async function writeReport(
  dir: string,
  report: MonitorReport,
): Promise<{ json: string; html: string }> {
  const charts = reportCharts(report);
  const json = join(dir, 'report.json');
  const html = join(dir, 'report.html');
  await Promise.all(charts.map((chart) => writeFileAtomic(join(dir, 'charts', chart.name), chart.svg)));
  await writeFileAtomic(html, renderHtml(report, charts));
  await writeJsonAtomic(json, report);
  return { json, html };
}
