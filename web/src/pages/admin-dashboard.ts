// The admin's dashboard: campaign progress against plan, the distribution of scores, the
// department ranking with 90 % intervals, an item heat map and the monthly trend. Every chart
// carries its numbers in a table beside it.
import { api } from '../api';
import { bdi, h } from '../dom';
import { isolate } from '../bidi';
import { formatDate, formatNumber, formatPercent, pick, t } from '../i18n';
import { chartFigure, palette } from '../components/chart';
import { rubrics } from '../components/evaluation-view';
import { campaignHeader, channelLabel, dataTable, definitionList, empty, field, section } from '../components/ui';
import type { PageContext } from '../routes';
import type { Rubric } from '../types';

interface RoundProgress { round: number; expected: number; by_state: Record<'draft' | 'submitted' | 'returned' | 'approved' | 'void', number> }
interface WeekProgress { week_start: string; approved: number; approved_total: number; expected_total: number }
interface Bin { from: number; to: number; contacts: number; employees: number }
interface RankingRow { department_code: string; name: string; contacts: number; employees: number; mean: number | null; ci90_low: number | null; ci90_high: number | null; rank: number; rank_worst: number }
interface HeatMap { rubric: string; items: string[]; rows: { department_code: string; name: string; percent: (number | null)[]; contacts: number[] }[] }
interface MonthPoint { month: string; channel: 'phone' | 'visit'; contacts: number; mean: number | null }

export interface Dashboard {
  campaign: string;
  progress: { employees_active: number; employees_evaluated: number; contacts_approved: number; rounds: RoundProgress[]; weeks: WeekProgress[] };
  mean: number | null;
  score_histogram: { bin_width: number; bins: Bin[] };
  department_ranking: RankingRow[];
  item_heat_map: HeatMap[];
  monthly_trend: MonthPoint[];
}

export async function render(context: PageContext): Promise<void> {
  const campaign = await campaignHeader(context);
  if (!campaign) return;
  const [data, rubricList] = await Promise.all([api.get<Dashboard>('/api/dashboard', { campaign: campaign.code }), rubrics()]);
  const grid = h('div', { class: 'dashboard' });
  grid.append(
    progressSection(data),
    distributionSection(data),
    departmentSection(data),
    itemSection(data, rubricList, context),
    trendSection(data),
  );
  context.root.append(grid);
}

function progressSection(data: Dashboard): HTMLElement {
  const p = data.progress;
  const expected = p.rounds.reduce((sum, r) => sum + r.expected, 0);
  const reached = p.employees_active ? p.employees_evaluated / p.employees_active : 0;
  const facts = definitionList([
    [t('dash.planned'), formatNumber(expected, 0)],
    [t('dash.approved'), `${formatNumber(p.contacts_approved, 0)} (${formatPercent(expected ? p.contacts_approved / expected : 0)})`],
    [t('dash.employeesReached'), `${formatNumber(p.employees_evaluated, 0)} / ${formatNumber(p.employees_active, 0)} (${formatPercent(reached)})`],
    [t('dash.meanScore'), formatNumber(data.mean)],
  ]);
  const meter = h('div', { class: 'meter' },
    h('progress', { max: Math.max(1, expected), value: p.contacts_approved, 'aria-label': t('dash.progress') }),
    h('span', null, formatPercent(expected ? p.contacts_approved / expected : 0)));
  const parts: HTMLElement[] = [meter, facts];
  if (p.weeks.length) {
    const last = p.weeks[p.weeks.length - 1]!;
    parts.push(chartFigure({
      title: t('dash.weeksChart'),
      summary: t('dash.weeksSummary', { date: formatDate(last.week_start), done: formatNumber(last.approved_total, 0), planned: formatNumber(last.expected_total, 0) }),
      height: 260,
      table: dataTable(t('dash.weeksTable'), [
        { header: t('dash.week'), rowHeader: true, cell: (w: WeekProgress) => formatDate(w.week_start) },
        { header: t('dash.approvedWeek'), numeric: true, cell: (w) => formatNumber(w.approved, 0) },
        { header: t('dash.approvedTotal'), numeric: true, cell: (w) => formatNumber(w.approved_total, 0) },
        { header: t('dash.plannedTotal'), numeric: true, cell: (w) => formatNumber(w.expected_total, 0) },
        { header: t('dash.rate'), numeric: true, cell: (w) => formatPercent(w.expected_total ? w.approved_total / w.expected_total : 0) },
      ], p.weeks),
      option: {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 56, right: 16, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: p.weeks.map((w) => w.week_start.slice(5)) },
        yAxis: { type: 'value' },
        series: [
          { type: 'line', name: t('dash.plannedTotal'), data: p.weeks.map((w) => w.expected_total), lineStyle: { type: 'dashed', width: 2 }, itemStyle: { color: '#5f6b7a' }, symbol: 'none' },
          { type: 'line', name: t('dash.approvedTotal'), data: p.weeks.map((w) => w.approved_total), lineStyle: { width: 3 }, itemStyle: { color: palette[0] }, symbolSize: 6 },
        ],
      },
    }));
  }
  if (p.rounds.length) {
    const states = ['approved', 'submitted', 'returned', 'draft', 'void'] as const;
    const colours = [palette[0], '#6f8fb8', '#a87400', '#8a94a3', '#b3421d'];
    parts.push(chartFigure({
      title: t('dash.progressChart'),
      summary: p.rounds.map((r) => t('dash.roundSummary', { n: r.round, done: formatNumber(r.by_state.approved, 0), planned: formatNumber(r.expected, 0) })).join(' '),
      height: 240,
      table: dataTable(t('dash.progressTable'), [
        { header: t('dash.round'), rowHeader: true, cell: (r: RoundProgress) => t('dash.roundN', { n: r.round }) },
        { header: t('dash.planned'), numeric: true, cell: (r) => formatNumber(r.expected, 0) },
        ...states.map((state) => ({ header: t(`state.${state}`), numeric: true, cell: (r: RoundProgress) => formatNumber(r.by_state[state] ?? 0, 0) })),
        { header: t('dash.rate'), numeric: true, cell: (r) => formatPercent(r.expected ? r.by_state.approved / r.expected : 0) },
      ], p.rounds),
      option: {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0 },
        grid: { left: 56, right: 16, top: 56, bottom: 28 },
        xAxis: { type: 'category', data: p.rounds.map((r) => t('dash.roundN', { n: r.round })) },
        yAxis: { type: 'value' },
        series: [
          ...states.map((state, i) => ({ type: 'bar', stack: 'done', name: t(`state.${state}`), data: p.rounds.map((r) => r.by_state[state] ?? 0), itemStyle: { color: colours[i] }, barWidth: '35%' })),
          { type: 'scatter', name: t('dash.planned'), data: p.rounds.map((r) => r.expected), symbol: 'rect', symbolSize: [60, 3], itemStyle: { color: '#1b1f24' } },
        ],
      },
    }));
  }
  return section(t('dash.progress'), ...parts);
}

function distributionSection(data: Dashboard): HTMLElement {
  // Empty bins at either end (scores nobody has) say nothing; the range starts at the first
  // employee and ends at the last.
  const all = data.score_histogram.bins;
  const first = all.findIndex((b) => b.employees > 0);
  const last = all.length - 1 - [...all].reverse().findIndex((b) => b.employees > 0);
  const bins = first < 0 ? [] : all.slice(first, last + 1);
  if (bins.length === 0) return section(t('dash.distribution'), empty());
  const total = bins.reduce((sum, b) => sum + b.employees, 0);
  const labelOf = (b: Bin): string => `${formatNumber(b.from, 0)}–${formatNumber(b.to, 0)}`;
  const peak = bins.reduce((best, b) => (b.employees > best.employees ? b : best), bins[0]!);
  const table = dataTable(t('dash.distributionTable'), [
    { header: t('dash.scoreRange'), cell: (b: Bin) => labelOf(b), rowHeader: true },
    { header: t('dash.employees'), cell: (b) => formatNumber(b.employees, 0), numeric: true },
    { header: t('dash.share'), cell: (b) => formatPercent(total ? b.employees / total : 0), numeric: true },
    { header: t('dash.contacts'), cell: (b) => formatNumber(b.contacts, 0), numeric: true },
  ], bins);
  return section(
    t('dash.distribution'),
    chartFigure({
      title: t('dash.distributionChart'),
      summary: t('dash.distributionSummary', { total: formatNumber(total, 0), range: labelOf(peak), n: formatNumber(peak.employees, 0) }),
      table,
      height: 260,
      option: {
        tooltip: { trigger: 'axis' },
        grid: { left: 48, right: 16, top: 28, bottom: 44 },
        xAxis: { type: 'category', data: bins.map(labelOf), name: t('dash.employeeMean'), nameLocation: 'middle', nameGap: 28 },
        yAxis: { type: 'value', name: t('dash.employees') },
        series: [{ type: 'bar', name: t('dash.employees'), data: bins.map((b) => b.employees), barCategoryGap: '8%' }],
      },
    }),
  );
}

function departmentSection(data: Dashboard): HTMLElement {
  const departments = data.department_ranking.filter((d) => d.mean !== null);
  if (departments.length === 0) return section(t('dash.departments'), empty());
  const sorted = [...departments].sort((a, b) => (b.mean ?? 0) - (a.mean ?? 0));
  const low = sorted.map((d) => d.ci90_low ?? d.mean ?? 0);
  const high = sorted.map((d) => d.ci90_high ?? d.mean ?? 0);
  const minimum = Math.max(0, Math.floor(Math.min(...low) / 5) * 5);
  const table = dataTable(t('dash.departmentsTable'), [
    { header: t('dash.rank'), cell: (d: RankingRow) => (d.rank_worst && d.rank_worst !== d.rank ? `${d.rank}–${d.rank_worst}` : String(d.rank)), numeric: true },
    { header: t('dash.department'), cell: (d) => bdi(d.name || d.department_code), rowHeader: true },
    { header: t('dash.mean'), cell: (d) => formatNumber(d.mean), numeric: true },
    { header: t('dash.interval'), cell: (d) => `${formatNumber(d.ci90_low)}–${formatNumber(d.ci90_high)}`, numeric: true },
    { header: t('dash.employees'), cell: (d) => formatNumber(d.employees, 0), numeric: true },
    { header: t('dash.contacts'), cell: (d) => formatNumber(d.contacts, 0), numeric: true },
  ], sorted);
  const best = sorted[0]!;
  const worst = sorted[sorted.length - 1]!;
  return section(
    t('dash.departments'),
    h('p', { class: 'hint' }, t('dash.rankExplain')),
    chartFigure({
      title: t('dash.departmentsChart'),
      summary: t('dash.departmentsSummary', { n: sorted.length, best: best.name, bestScore: formatNumber(best.mean), worst: worst.name, worstScore: formatNumber(worst.mean) }),
      table,
      height: Math.max(240, sorted.length * 18 + 60),
      option: {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 8, right: 24, top: 16, bottom: 28, containLabel: true },
        yAxis: { type: 'category', data: sorted.map((d) => isolate(d.name || d.department_code)), inverse: true, axisLabel: { fontSize: 11 } },
        xAxis: { type: 'value', min: minimum, max: 100 },
        series: [
          // An invisible bar up to the interval's low end, then the interval as a visible bar.
          { type: 'bar', stack: 'ci', data: low, itemStyle: { color: 'transparent' }, tooltip: { show: false }, silent: true },
          { type: 'bar', stack: 'ci', name: t('dash.interval'), data: high.map((v, i) => +(v - (low[i] ?? 0)).toFixed(2)), itemStyle: { color: '#b9cbe3' }, barWidth: 8 },
          { type: 'scatter', name: t('dash.mean'), data: sorted.map((d) => d.mean), symbolSize: 8, itemStyle: { color: palette[0] } },
        ],
      },
    }),
  );
}

function itemSection(data: Dashboard, rubricList: Rubric[], context: PageContext): HTMLElement {
  const maps = data.item_heat_map.filter((m) => m.rows.length > 0);
  if (maps.length === 0) return section(t('dash.items'), empty());
  const chosen = maps.find((m) => m.rubric === context.query.get('heat')) ?? maps[0]!;
  const rubric = rubricList.filter((r) => r.code === chosen.rubric).sort((a, b) => b.version - a.version)[0];
  const itemName = (id: string): string => {
    const item = rubric?.items.find((i) => i.id === id);
    return item ? `${id} ${pick(item)}` : id;
  };
  const rows = chosen.rows;
  const heat: [number, number, number][] = [];
  rows.forEach((row, y) => row.percent.forEach((percent, x) => {
    if (percent !== null) heat.push([x, y, Math.round(percent)]);
  }));
  // The weakest item across departments, weighted by contacts.
  const itemMeans = chosen.items.map((id, i) => {
    let sum = 0;
    let n = 0;
    for (const row of rows) {
      const percent = row.percent[i];
      const contacts = row.contacts[i] ?? 0;
      if (percent !== undefined && percent !== null) { sum += percent * contacts; n += contacts; }
    }
    return { id, mean: n ? sum / n : null };
  });
  const weakest = itemMeans.filter((m) => m.mean !== null).sort((a, b) => (a.mean ?? 0) - (b.mean ?? 0))[0];
  const picker = maps.length > 1
    ? h('div', { class: 'toolbar' }, field(t('dash.heatRubric'), h('select', { name: 'heat', onchange: (e: Event) => context.setQuery({ heat: (e.target as HTMLSelectElement).value }) },
        maps.map((m) => { const r = rubricList.find((x) => x.code === m.rubric); return h('option', { value: m.rubric, selected: m === chosen }, r ? pick(r, 'name') : m.rubric); }))))
    : null;
  const table = dataTable(t('dash.itemsTable'), [
    { header: t('dash.department'), rowHeader: true, cell: (row: HeatMap['rows'][number]) => bdi(row.name || row.department_code) },
    ...chosen.items.map((id, i) => ({ header: id, numeric: true, cell: (row: HeatMap['rows'][number]) => { const p = row.percent[i]; return p !== undefined && p !== null ? `${formatNumber(p, 0)}%` : '–'; } })),
  ], rows);
  return section(
    t('dash.items'),
    picker,
    h('details', { class: 'explain' }, h('summary', null, t('dash.itemNames')), h('ul', { class: 'columns' }, chosen.items.map((id) => h('li', null, itemName(id))))),
    chartFigure({
      title: t('dash.itemsChart'),
      summary: weakest ? t('dash.itemsSummary', { item: itemName(weakest.id), rate: `${formatNumber(weakest.mean, 0)}%` }) : '',
      table,
      stacked: true,
      height: Math.max(300, rows.length * 18 + 110),
      option: {
        tooltip: { position: 'top' },
        grid: { left: 8, right: 16, top: 8, bottom: 70, containLabel: true },
        xAxis: { type: 'category', data: chosen.items, splitArea: { show: true }, position: 'top' },
        yAxis: { type: 'category', data: rows.map((r) => isolate(r.name || r.department_code)), inverse: true, axisLabel: { fontSize: 10 } },
        visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#b3421d', '#f3e3b3', '#1f5fa8'] }, text: ['100%', '0%'] },
        series: [{ type: 'heatmap', data: heat, label: { show: rows.length <= 30, fontSize: 10 } }],
      },
    }),
  );
}

function trendSection(data: Dashboard): HTMLElement {
  const points = data.monthly_trend;
  if (points.length === 0) return section(t('dash.trend'), empty());
  const months = [...new Set(points.map((p) => p.month))].sort();
  const channels = (['phone', 'visit'] as const).filter((c) => points.some((p) => p.channel === c));
  const value = (month: string, channel: string): MonthPoint | undefined => points.find((p) => p.month === month && p.channel === channel);
  const table = dataTable(t('dash.trendTable'), [
    { header: t('dash.month'), rowHeader: true, cell: (m: string) => m },
    ...channels.flatMap((c) => [
      { header: t('dash.contactsOf', { channel: channelLabel(c) }), numeric: true, cell: (m: string) => formatNumber(value(m, c)?.contacts ?? null, 0) },
      { header: t('dash.meanOf', { channel: channelLabel(c) }), numeric: true, cell: (m: string) => formatNumber(value(m, c)?.mean ?? null) },
    ]),
  ], months);
  const first = months[0]!;
  const last = months[months.length - 1]!;
  const summary = channels.map((c) => t('dash.trendSummary', { channel: channelLabel(c), from: first, fromScore: formatNumber(value(first, c)?.mean ?? null), to: last, toScore: formatNumber(value(last, c)?.mean ?? null) })).join(' ');
  return section(
    t('dash.trend'),
    chartFigure({
      title: t('dash.trendChart'),
      summary,
      table,
      height: 280,
      option: {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 56, top: 40, bottom: 28 },
        xAxis: { type: 'category', data: months },
        yAxis: [
          { type: 'value', name: t('dash.meanScore'), max: 100, min: (v: { min: number }) => Math.max(0, Math.floor(v.min / 10) * 10 - 10) },
          { type: 'value', name: t('dash.contacts') },
        ],
        series: [
          ...channels.map((c, i) => ({ type: 'bar', name: t('dash.contactsOf', { channel: channelLabel(c) }), yAxisIndex: 1, data: months.map((m) => value(m, c)?.contacts ?? 0), itemStyle: { color: i === 0 ? '#c9d6e8' : '#ecd9c6' } })),
          ...channels.map((c, i) => ({ type: 'line', name: t('dash.meanOf', { channel: channelLabel(c) }), data: months.map((m) => value(m, c)?.mean ?? null), symbolSize: 7, lineStyle: { width: 3 }, itemStyle: { color: palette[i] } })),
        ],
      },
    }),
  );
}
