import { type ECharts, init } from 'echarts/core';

/** The charts drawn so far; those whose page was left (the UI routes without reloading) are disposed. */
let drawn: ECharts[] = [];

/** An SVG ECharts instance on `element`, disposing those whose element left the document. */
export function chartOn(element: HTMLElement): ECharts {
  drawn = drawn.filter((chart) => {
    if (chart.getDom().isConnected) return true;
    chart.dispose();
    return false;
  });
  const chart = init(element, null, { renderer: 'svg' });
  drawn.push(chart);
  return chart;
}
