// The contract between the UI's script (ui.js, no chart library in it) and the charts
// script (ui-charts.js: ECharts and the compare view's charts), loaded only by the pages
// that draw. ECharts stays out of ui.js: its core writes SVG as markup when exporting,
// and ui.js is checked to hold no such call.

/** One axis of the study's parallel-coordinates plot: a param, or the study's metric last. */
export interface ParallelAxis {
  name: string;
  /** `category` for a param with text values (its values listed in `categories`). */
  type: 'value' | 'category';
  categories?: string[];
}

/** What ui-charts.js puts on `window.mlopsCompareCharts`. */
export interface CompareCharts {
  /**
   * One metric as horizontal bars, one per run (`labels`), on a value axis that
   * always holds zero: a bar's length is its value, negative ones run left of zero.
   * A null value draws no bar.
   */
  metricBars(element: HTMLElement, metric: string, labels: string[], values: (number | null)[]): void;
  /** A study's trials as lines across `axes` (each line's values in axis order). */
  studyParallel(element: HTMLElement, axes: ParallelAxis[], lines: (number | string)[][]): void;
}

/** One line of a monitoring chart: its name (a version, a feature) and a value per x label (null: no point). */
export interface ChartLine {
  name: string;
  values: (number | null)[];
}

/** What ui-charts.js puts on `window.mlopsMonitoringCharts`: the monitoring view's charts (SVG, no tooltip). */
export interface MonitoringCharts {
  /**
   * Lines over `labels` (time labels fitted to the span, `caption` saying what they leave
   * out), one per entry of `lines`, each with its own colour and a legend entry. A
   * `reference` draws a dashed horizontal line at that value (a threshold, a test metric).
   */
  lines(
    element: HTMLElement,
    options: {
      title: string;
      labels: string[];
      caption: string;
      lines: ChartLine[];
      yName: string;
      reference?: { value: number; name: string };
      min?: number;
      max?: number;
    },
  ): void;
  /** Reference and current shares per bin or category, side by side. */
  distribution(element: HTMLElement, labels: string[], reference: number[], current: number[]): void;
  /**
   * Global importance: one horizontal bar per field (`labels`, most important first, top
   * down) on a value axis starting at zero, so a bar's length is its value; `unit` names it.
   */
  importance(element: HTMLElement, labels: string[], values: number[], unit: string): void;
  /**
   * Distributions of several series over the same bins or levels (`labels`), drawn over one
   * another: grouped bars (`kind: 'bar'`, a histogram per series, shares from zero) or
   * lines (`kind: 'line'`, quantiles), each series with its colour and a legend entry.
   */
  histograms(
    element: HTMLElement,
    options: {
      title: string;
      kind: 'bar' | 'line';
      labels: string[];
      series: ChartLine[];
      xName: string;
      yName: string;
    },
  ): void;
}

declare global {
  interface Window {
    mlopsCompareCharts?: CompareCharts;
    mlopsMonitoringCharts?: MonitoringCharts;
  }
}

/** The charts script's path, served from the package (no CDN). */
export const CHARTS_SCRIPT = '/assets/ui-charts.js';

let loading: Promise<CompareCharts> | undefined;

/** Loads ui-charts.js once and resolves to the monitoring view's charts. */
export async function loadMonitoringCharts(): Promise<MonitoringCharts> {
  await loadCompareCharts();
  if (!window.mlopsMonitoringCharts)
    throw new Error(`${CHARTS_SCRIPT} defined no monitoring charts: run pnpm build`);
  return window.mlopsMonitoringCharts;
}

/** Loads ui-charts.js once (a `<script>` of this server's; the CSP allows nothing else) and resolves to its charts. */
export function loadCompareCharts(): Promise<CompareCharts> {
  loading ??= new Promise<CompareCharts>((resolve, reject) => {
    if (window.mlopsCompareCharts) {
      resolve(window.mlopsCompareCharts);
      return;
    }
    const script = document.createElement('script');
    script.src = CHARTS_SCRIPT;
    script.addEventListener('load', () =>
      window.mlopsCompareCharts
        ? resolve(window.mlopsCompareCharts)
        : reject(new Error(`${CHARTS_SCRIPT} loaded but defined no charts: run pnpm build`)),
    );
    script.addEventListener('error', () => {
      loading = undefined;
      reject(new Error(`${CHARTS_SCRIPT} could not be loaded: reload the page`));
    });
    document.head.append(script);
  });
  return loading;
}
