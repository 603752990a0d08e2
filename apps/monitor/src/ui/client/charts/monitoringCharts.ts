// The monitoring view's charts, in ui-charts.js beside the compare view's. Values reach
// ECharts as numbers and names as text; the SVG renderer writes them as text nodes, and
// there is no tooltip (an HTML overlay): the tables under each chart hold the numbers.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { MonitoringCharts } from '../chartsApi';
import { chartOn } from './chartOn';

use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, SVGRenderer]);

/** Colour-blind-safe (Okabe–Ito), one per line in order. */
const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];

const charts: MonitoringCharts = {
  lines(element, options) {
    chartOn(element).setOption({
      animation: false,
      color: PALETTE,
      title: { text: options.title, left: 0, textStyle: { fontSize: 13 } },
      // Title, then the legend under it, then the plot: none of them over another.
      legend: { top: 22, left: 0, type: 'scroll' },
      grid: { left: 8, right: 24, top: 66, bottom: 36, containLabel: true },
      xAxis: {
        type: 'category',
        data: options.labels,
        // Labels fitted to the span (timeAxisLabels): the day is said once, in the caption.
        name: options.caption,
        nameLocation: 'middle',
        nameGap: 26,
        boundaryGap: false,
        // Every ceil(n/6)-th label, as timeAxisLabels chose its format for: shown labels never repeat.
        axisLabel: { interval: Math.max(0, Math.ceil(options.labels.length / 6) - 1) },
      },
      yAxis: { type: 'value', name: options.yName, min: options.min, max: options.max },
      series: options.lines.map((line, i) => ({
        name: line.name,
        type: 'line',
        // A lone point between empty buckets is still seen (the old dashboard's line vanished there).
        showSymbol: true,
        symbolSize: 4,
        connectNulls: false,
        data: line.values,
        markLine:
          i === 0 && options.reference
            ? {
                symbol: 'none',
                silent: true,
                lineStyle: { type: 'dashed', color: '#6b7280' },
                label: { formatter: options.reference.name, position: 'insideEndTop' },
                data: [{ yAxis: options.reference.value }],
              }
            : undefined,
      })),
    });
  },

  distribution(element, labels, reference, current) {
    chartOn(element).setOption({
      animation: false,
      color: ['#9ca3af', '#0072b2'],
      legend: { top: 0, right: 0 },
      grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true, fontSize: 11 } },
      yAxis: { type: 'value', name: 'share', min: 0 },
      series: [
        { name: 'reference', type: 'bar', data: reference },
        { name: 'current', type: 'bar', data: current },
      ],
    });
  },

  importance(element, labels, values, unit) {
    // One row of 26 px per field: the chart grows with the model's inputs.
    element.style.height = `${60 + labels.length * 26}px`;
    chartOn(element).setOption({
      animation: false,
      grid: { left: 8, right: 64, top: 8, bottom: 28, containLabel: true },
      // min 0: every bar starts at zero (mean |contribution| is never negative).
      xAxis: { type: 'value', min: 0, name: unit, nameLocation: 'middle', nameGap: 22, splitNumber: 4 },
      yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize: 11 } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 16,
          data: values,
          itemStyle: { color: '#2563eb' },
          label: {
            show: true,
            position: 'right',
            fontSize: 11,
            formatter: (p: { value: number }) => Number(p.value.toPrecision(3)).toString(),
          },
        },
      ],
    });
  },

  histograms(element, options) {
    const bars = options.kind === 'bar';
    chartOn(element).setOption({
      animation: false,
      color: PALETTE,
      title: { text: options.title, left: 0, textStyle: { fontSize: 13 } },
      legend: { top: 22, left: 0, type: 'scroll' },
      grid: { left: 8, right: 24, top: 66, bottom: 36, containLabel: true },
      xAxis: {
        type: 'category',
        data: options.labels,
        name: options.xName,
        nameLocation: 'middle',
        nameGap: 26,
        axisLabel: { hideOverlap: true, fontSize: 11 },
      },
      // Shares start at zero, so a bar's height is its share; quantiles keep their own scale.
      yAxis: { type: 'value', name: options.yName, min: bars ? 0 : undefined, scale: !bars },
      series: options.series.map((s) => ({
        name: s.name,
        type: options.kind,
        data: s.values,
        barGap: '10%',
        showSymbol: true,
        symbolSize: 5,
      })),
    });
  },
};

window.mlopsMonitoringCharts = charts;
