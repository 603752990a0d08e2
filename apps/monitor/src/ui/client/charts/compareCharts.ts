// The compare view's charts, bundled by esbuild with the parts of ECharts they use into
// /assets/ui-charts.js (its own file: see ../chartsApi.ts). Values reach ECharts as
// numbers and labels as text; ECharts' SVG renderer writes them as text nodes, and no
// tooltip (an HTML overlay) is used.
import { BarChart, ParallelChart } from 'echarts/charts';
import { GridComponent, ParallelComponent, TitleComponent } from 'echarts/components';
import { use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { CompareCharts } from '../chartsApi';
import { chartOn } from './chartOn';
import './monitoringCharts';

// SVG, not canvas: the tests (and a person's screenshot) read real shapes.
use([BarChart, ParallelChart, GridComponent, ParallelComponent, TitleComponent, SVGRenderer]);

const POSITIVE = '#2563eb';
const NEGATIVE = '#dc2626';

/** 4 significant digits, as the tables show them. */
function short(value: number): string {
  return Number(value.toPrecision(4)).toString();
}

const charts: CompareCharts = {
  metricBars(element, metric, labels, values) {
    chartOn(element).setOption({
      animation: false,
      title: { text: metric, left: 0, textStyle: { fontSize: 13 } },
      // Room left of the axis for a negative bar's value label, which sits past the bar's end.
      grid: {
        left: values.some((v) => v !== null && v < 0) ? 52 : 8,
        right: 56,
        top: 28,
        bottom: 8,
        containLabel: true,
      },
      // The old static comparison scaled each chart to its own maximum (R² 0.012 drew
      // full length, a negative R² not at all). `scale: false` keeps zero on the axis,
      // so a bar's length is its value, and a negative one runs left of zero.
      xAxis: { type: 'value', scale: false, splitNumber: 4 },
      yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize: 11 } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          data: values.map((value) =>
            value === null
              ? null
              : {
                  value,
                  itemStyle: { color: value < 0 ? NEGATIVE : POSITIVE },
                  label: { position: value < 0 ? 'left' : 'right' },
                },
          ),
          label: { show: true, fontSize: 11, formatter: (p: { value: number }) => short(p.value) },
        },
      ],
    });
  },

  studyParallel(element, axes, lines) {
    chartOn(element).setOption({
      animation: false,
      parallel: { left: 40, right: 80, top: 40, bottom: 30 },
      parallelAxis: axes.map((axis, dim) => ({
        dim,
        name: axis.name,
        type: axis.type,
        data: axis.categories,
        nameTextStyle: { fontWeight: dim === axes.length - 1 ? 'bold' : 'normal' },
      })),
      series: [{ type: 'parallel', lineStyle: { width: 2, opacity: 0.7, color: POSITIVE }, data: lines }],
    });
  },
};

window.mlopsCompareCharts = charts;
