// Fair-score displays shared by the admin, department heads and coaches: a chart of adjusted
// scores with 90 % intervals beside a table with raw mean, interval, grade and grade
// probabilities, and a plain explanation of why adjusted and raw differ.
import { bdi, h } from '../dom';
import { isolate } from '../bidi';
import { formatNumber, formatPercent, t } from '../i18n';
import { chartFigure, palette } from './chart';
import { badge, dataTable } from './ui';
import type { EmployeeScore } from '../types';

export const isUncertain = (s: EmployeeScore): boolean => s.uncertain === true || s.uncertain === 1;

export function gradeCell(s: EmployeeScore): HTMLElement {
  return h('span', null, s.grade ?? '–', ' ', isUncertain(s) ? badge(t('score.uncertain'), 'warn') : null);
}

export function probabilities(s: EmployeeScore): string {
  return (['S', 'A', 'B', 'C'] as const)
    .map((g) => `${g} ${formatPercent(s[`p_${g}`] ?? null)}`)
    .join(' · ');
}

export function explainAdjusted(): HTMLElement {
  return h('details', { class: 'explain' }, h('summary', null, t('score.whatIsAdjusted')),
    h('p', null, t('score.explain1')), h('p', null, t('score.explain2')), h('p', null, t('score.explain3')));
}

export function employeeScoreTable(caption: string, rows: EmployeeScore[], departments: Map<string, { name: string }> = new Map()): HTMLElement {
  return dataTable(caption, [
    {
      header: t('score.employee'), rowHeader: true,
      cell: (s: EmployeeScore) => (s.name ? [bdi(s.name), ` (${isolate(s.employee_no)})`] : bdi(s.employee_no)),
    },
    // The department column only where the rows span several departments.
    ...(new Set(rows.map((s) => s.department_code)).size > 1
      ? [{ header: t('score.department'), cell: (s: EmployeeScore) => bdi(departments.get(s.department_code ?? '')?.name ?? s.department_code ?? '–') }]
      : []),
    { header: t('score.contacts'), numeric: true, cell: (s) => formatNumber(s.contacts, 0) },
    { header: t('score.rawMean'), numeric: true, cell: (s) => formatNumber(s.raw_mean) },
    { header: t('score.adjusted'), numeric: true, cell: (s) => formatNumber(s.adjusted) },
    { header: t('score.interval'), numeric: true, cell: (s) => `${formatNumber(s.ci90_low)}–${formatNumber(s.ci90_high)}` },
    { header: t('score.grade'), cell: (s) => gradeCell(s) },
    ...(rows.some((s) => typeof s.p_S === 'number') ? [{ header: t('score.probabilities'), cell: (s: EmployeeScore) => probabilities(s) }] : []),
  ], rows);
}

export function intervalChart(title: string, rows: EmployeeScore[], table: HTMLElement): HTMLElement {
  const sorted = [...rows].filter((s) => s.adjusted !== null).sort((a, b) => (b.adjusted ?? 0) - (a.adjusted ?? 0));
  const names = sorted.map((s) => isolate(s.name ?? s.employee_no));
  const low = sorted.map((s) => s.ci90_low ?? s.adjusted ?? 0);
  const high = sorted.map((s) => s.ci90_high ?? s.adjusted ?? 0);
  const uncertain = sorted.filter(isUncertain).length;
  const mean = sorted.reduce((sum, s) => sum + (s.adjusted ?? 0), 0) / Math.max(1, sorted.length);
  return chartFigure({
    title,
    summary: t('score.chartSummary', { n: sorted.length, mean: formatNumber(mean), uncertain }),
    table,
    height: Math.max(220, sorted.length * 20 + 70),
    option: {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 28, containLabel: true },
      yAxis: { type: 'category', data: names, inverse: true },
      xAxis: { type: 'value', min: Math.max(0, Math.floor(Math.min(...low, 100) / 10) * 10), max: 100 },
      series: [
        { type: 'bar', stack: 'ci', data: low, itemStyle: { color: 'transparent' }, tooltip: { show: false }, silent: true },
        { type: 'bar', stack: 'ci', name: t('score.interval'), data: high.map((v, i) => +(v - (low[i] ?? 0)).toFixed(2)), itemStyle: { color: '#b9cbe3' }, barWidth: 8 },
        { type: 'scatter', name: t('score.adjusted'), data: sorted.map((s) => s.adjusted), symbolSize: 9, itemStyle: { color: palette[0] } },
        { type: 'scatter', name: t('score.rawMean'), data: sorted.map((s) => s.raw_mean), symbol: 'diamond', symbolSize: 8, itemStyle: { color: palette[1] } },
      ],
    },
  });
}
