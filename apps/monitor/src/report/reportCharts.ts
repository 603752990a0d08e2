import { barChart, lineChart } from '@mlops/drift';
import type { FeatureDistribution } from './featureCharts';
import { importanceChart } from './importanceChart';
import type { MonitorReport } from './MonitorReport';
import { timeAxisLabels } from './timeAxisLabels';
import { xyChart } from './xyChart';

const REFERENCE = '#6b7280';
const CURRENT = '#2563eb';

/** One chart of a report: its file name under `charts/` and the SVG document. */
export interface ReportChart {
  name: string;
  svg: string;
}

/** File name of a feature's drill-down chart. */
export const featureChartName = (column: string) => `feature-${column.replace(/[^a-zA-Z0-9_-]/g, '_')}.svg`;

function overlay(title: string, distribution: FeatureDistribution): string {
  return barChart(title, distribution.labels, [
    { name: 'reference (training)', values: distribution.reference, color: REFERENCE },
    { name: 'current', values: distribution.current, color: CURRENT },
  ]);
}

/**
 * The charts of a report as SVG documents, by file name: predictions over time
 * (time labels fitted to the span), volume, the prediction histogram over the
 * reference's, each feature's reference/current overlay, and with labels the
 * target overlay and the performance charts.
 */
export function reportCharts(report: MonitorReport): ReportChart[] {
  const a = report.aggregates;
  const axis = timeAxisLabels(a.series.map((p) => p.start));
  const output = report.output_distributions?.probability ?? report.output_distributions?.prediction ?? null;
  const charts: ReportChart[] = [
    {
      name: 'prediction-timeseries.svg',
      svg: lineChart(`Predictions over time (${axis.caption})`, axis.labels, [
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
      svg: barChart(`Predictions per time bucket (${axis.caption})`, axis.labels, [
        { name: 'predictions', values: a.series.map((p) => p.count), color: CURRENT },
      ]),
    },
    {
      name: 'prediction-histogram.svg',
      svg: output
        ? overlay(
            `${report.output_distributions.probability ? 'Probability' : 'Prediction'} distribution: reference vs current (shares)`,
            output,
          )
        : barChart('Prediction distribution', a.predictionHistogram.labels, [
            { name: 'predictions', values: a.predictionHistogram.counts, color: CURRENT },
          ]),
    },
  ];
  for (const detail of report.feature_details ?? []) {
    if (detail.distribution)
      charts.push({
        name: featureChartName(detail.column),
        svg: overlay(`${detail.column}: reference vs current`, detail.distribution),
      });
  }
  if (report.target_drift?.distribution) {
    charts.push({
      name: 'target.svg',
      svg: overlay(
        `Label ${report.target_drift.column}: training vs arrived`,
        report.target_drift.distribution,
      ),
    });
  }
  charts.push(...performanceCharts(report));
  const importance = report.global_importance;
  if (importance?.available) {
    charts.push({
      name: 'importance.svg',
      svg: importanceChart(
        `Global importance of v${importance.version}: mean |contribution| per field`,
        importance.fields,
        importance.output_kind,
      ),
    });
  }
  return charts;
}

function performanceCharts(report: MonitorReport): ReportChart[] {
  const p = report.performance;
  if (!p) return [];
  const charts: ReportChart[] = [];
  const times = timeAxisLabels(p.over_time.map((period) => period.start));
  const overTime = (name: string, title: string, metrics: string[]) => {
    // Each metric's test value is a flat line in a light shade of its live colour.
    const colors = [
      ['#2563eb', '#93c5fd'],
      ['#d97706', '#fcd34d'],
    ];
    const series = metrics.flatMap((metric, i) => [
      {
        name: `${metric} live`,
        values: p.over_time.map((t) => t.metrics[metric] ?? null),
        color: colors[i][0],
      },
      ...(metric in p.registered
        ? [
            {
              name: `${metric} test`,
              values: p.over_time.map(() => p.registered[metric]),
              color: colors[i][1],
            },
          ]
        : []),
    ]);
    charts.push({ name, svg: lineChart(`${title} (${times.caption})`, times.labels, series) });
  };
  if (p.task === 'regression') {
    charts.push({
      name: 'residuals.svg',
      svg: barChart(
        'Residuals (label − prediction)',
        p.residuals.edges.slice(0, -1).map((e) => Number(e.toPrecision(3)).toString()),
        [{ name: 'rows', values: p.residuals.counts, color: CURRENT }],
      ),
    });
    overTime(
      'error-over-time.svg',
      'Error over time',
      ['mae', 'rmse'].filter((m) => p.over_time.some((t) => m in t.metrics)),
    );
    return charts;
  }
  if (p.roc)
    charts.push({
      name: 'roc.svg',
      svg: xyChart(
        `ROC curve (AUC ${p.roc.auc.toFixed(3)})`,
        [{ name: 'live', x: p.roc.fpr, y: p.roc.tpr, color: CURRENT }],
        {
          xLabel: 'false positive rate',
          yLabel: 'true positive rate',
          diagonal: 'chance',
        },
      ),
    });
  if (p.pr)
    charts.push({
      name: 'pr.svg',
      svg: xyChart(
        'Precision–recall curve',
        [{ name: 'live', x: p.pr.recall, y: p.pr.precision, color: CURRENT }],
        {
          xLabel: 'recall',
          yLabel: 'precision',
        },
      ),
    });
  if (p.calibration)
    charts.push({
      name: 'calibration.svg',
      svg: xyChart(
        'Calibration',
        [
          {
            name: 'observed rate per bin',
            x: p.calibration.map((b) => b.mean_probability),
            y: p.calibration.map((b) => b.observed_rate),
            color: CURRENT,
            dots: true,
          },
        ],
        {
          xLabel: 'mean predicted probability',
          yLabel: 'observed positive rate',
          diagonal: 'perfect calibration',
        },
      ),
    });
  const metrics = ['roc_auc', 'f1', 'accuracy'].filter((m) => p.over_time.some((t) => m in t.metrics));
  overTime('metrics-over-time.svg', 'Metrics over time', metrics.slice(0, 2));
  return charts;
}
