import { join } from 'node:path';
import { barChart, lineChart } from '@mlops/drift';
import { writeFileAtomic, writeJsonAtomic } from '@mlops/features';
import type { MonitorReport } from './MonitorReport';
import { renderHtml } from './renderHtml';

const REFERENCE = '#6b7280';
const CURRENT = '#2563eb';

/** The charts of a report as SVG documents, by file name. */
export function reportCharts(report: MonitorReport): { name: string; svg: string }[] {
  const a = report.aggregates;
  const times = a.series.map((p) => p.start.slice(5, 16).replace('T', ' '));
  const charts = [
    {
      name: 'prediction-timeseries.svg',
      svg: lineChart('Predictions over time', times, [
        {
          name: 'positive rate',
          values: a.series.map((p) => p.positiveRate ?? p.meanPrediction),
          color: CURRENT,
        },
        { name: 'mean probability', values: a.series.map((p) => p.meanProbability), color: '#f59e0b' },
      ]),
    },
    {
      name: 'prediction-volume.svg',
      svg: barChart('Predictions per time bucket', times, [
        { name: 'predictions', values: a.series.map((p) => p.count), color: CURRENT },
      ]),
    },
    {
      name: 'prediction-histogram.svg',
      svg: barChart('Prediction distribution', a.predictionHistogram.labels, [
        { name: 'predictions', values: a.predictionHistogram.counts, color: CURRENT },
      ]),
    },
  ];
  for (const feature of report.features) {
    charts.push({
      name: `feature-${feature.column.replace(/[^a-zA-Z0-9_-]/g, '_')}.svg`,
      svg: barChart(`${feature.column}: reference vs current`, feature.labels, [
        { name: 'reference', values: feature.reference, color: REFERENCE },
        { name: 'current', values: feature.current, color: CURRENT },
      ]),
    });
  }
  return charts;
}

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
