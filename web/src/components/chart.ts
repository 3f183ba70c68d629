// A chart with its numbers beside it: a <figure> holding the ECharts drawing (an image to
// assistive technology, described by its caption) and a data table with the same numbers, so
// screen-reader users and people who prefer numbers get everything the picture shows.
import { h, type Child } from '../dom';
import { t } from '../i18n';

// ECharts' option object; typed loosely here because each chart builds its own.
export type ChartOption = Record<string, unknown>;

type EChartsModule = typeof import('./echarts-setup');
let loader: Promise<EChartsModule> | null = null;

function loadECharts(): Promise<EChartsModule> {
  loader ??= import('./echarts-setup');
  return loader;
}

// Colours with at least 3:1 contrast against white for graphical objects (WCAG 1.4.11).
export const palette = ['#1f5fa8', '#b3421d', '#2e7d32', '#6a3d9a', '#8a6d00', '#00727a'];

export interface ChartSpec {
  title: string;
  // One sentence read out instead of the picture, e.g. "12 of 60 departments above 85".
  summary: string;
  option: ChartOption;
  table: HTMLElement;
  height?: number;
  // Wide tables (many columns) go under the chart instead of beside it.
  stacked?: boolean;
}

export function chartFigure(spec: ChartSpec): HTMLElement {
  const canvas = h('div', {
    class: 'chart',
    role: 'img',
    'aria-label': `${spec.title}. ${spec.summary}`,
    style: `height:${spec.height ?? 280}px`,
    'data-chart': 'pending',
  });
  // A table of more than four columns needs the page's width: it goes under the chart.
  const stacked = spec.stacked ?? spec.table.querySelectorAll('thead th').length > 4;
  const figure = h(
    'figure',
    { class: 'chart-figure' },
    h('figcaption', null, h('span', { class: 'chart-title' }, spec.title), h('span', { class: 'chart-summary' }, spec.summary)),
    h('div', { class: stacked ? 'chart-body stacked' : 'chart-body' }, canvas, h('div', { class: 'chart-numbers' }, spec.table)),
  );
  void renderInto(canvas, spec.option);
  return figure;
}

async function renderInto(element: HTMLElement, option: ChartOption): Promise<void> {
  try {
    const { echarts } = await loadECharts();
    // Wait until the figure is in the document so the chart can measure its width.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const chart = echarts.init(element, null, { renderer: 'svg' });
    chart.setOption({ animation: false, textStyle: { fontFamily: 'inherit' }, color: palette, ...option });
    element.dataset.chart = 'ready';
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    // Dispose when the page is replaced (the router empties <main>).
    const watcher = new MutationObserver(() => {
      if (!element.isConnected) {
        observer.disconnect();
        watcher.disconnect();
        chart.dispose();
      }
    });
    watcher.observe(document.getElementById('main') ?? document.body, { childList: true });
  } catch (error) {
    element.dataset.chart = 'failed';
    element.replaceChildren(h('p', { class: 'muted' }, t('chart.failed')));
    console.error(error);
  }
}

export function miniLegend(items: [string, string][]): Child {
  return h('ul', { class: 'legend' }, items.map(([color, label]) => h('li', null, h('span', { class: 'swatch', style: `background:${color}` }), label)));
}
