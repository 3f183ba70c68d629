// The admin's dashboard: campaign progress against plan, the distribution of adjusted scores,
// department ranking with 90 % intervals, an item heat map and the monthly trend. Every chart
// carries its numbers in a table beside it.
import { api } from '../api';
import { h } from '../dom';
import { formatNumber, formatPercent, locale, t } from '../i18n';
import { chartFigure, palette } from '../components/chart';
import { campaignPicker, campaigns, chooseCampaign, dataTable, definitionList, empty, section } from '../components/ui';
import type { PageContext } from '../routes';
import type { DepartmentScore } from '../types';

interface ProgressRow { round?: number; label?: string; month?: string; planned: number; completed: number; approved?: number }
interface DistributionBin { from: number; to: number; count: number }
interface ItemCell { item_id: string; name_ko?: string; name_en?: string; ko?: string; en?: string; group?: string; column?: string; achievement: number }
interface MonthRow { month: string; contacts: number; mean: number | null; adjusted_mean?: number | null }

export interface Dashboard {
  campaign?: { code: string; name: string };
  progress?: { planned: number; completed: number; approved?: number; submitted?: number; unreachable?: number; voided?: number; by_round?: ProgressRow[] };
  distribution?: DistributionBin[];
  grade_counts?: Record<string, number>;
  departments?: DepartmentScore[];
  items?: ItemCell[];
  monthly?: MonthRow[];
  warnings?: string[];
}

const GROUP_KEYS: Record<string, string> = { hq: 'group.hq', agency: 'group.agency', affiliated: 'group.affiliated', town: 'group.town' };
const groupLabel = (code: string | undefined): string => (code && GROUP_KEYS[code] ? t(GROUP_KEYS[code] as 'group.hq') : code ?? '–');
const departmentName = (d: DepartmentScore): string => d.name ?? d.department_name ?? d.department_code;

export async function render(context: PageContext): Promise<void> {
  const list = await campaigns();
  const campaign = await chooseCampaign(context.query);
  context.root.append(campaignPicker(list, campaign, (code) => context.setQuery({ campaign: code })));
  if (!campaign) {
    context.root.append(empty('campaign.none'));
    return;
  }
  const data = await api.get<Dashboard>('/api/dashboard', { campaign: campaign.code });
  if (data.warnings?.length) {
    context.root.append(h('div', { class: 'notice', role: 'note' }, h('ul', null, data.warnings.map((w) => h('li', null, w)))));
  }
  const grid = h('div', { class: 'dashboard' });
  grid.append(progressSection(data), distributionSection(data), departmentSection(data), itemSection(data), trendSection(data));
  context.root.append(grid);
}

function progressSection(data: Dashboard): HTMLElement {
  const p = data.progress;
  if (!p) return section(t('dash.progress'), empty());
  const rows = p.by_round ?? [];
  const label = (r: ProgressRow): string => r.label ?? (r.round !== undefined ? t('dash.roundN', { n: r.round }) : r.month ?? '');
  const done = p.completed;
  const ratio = p.planned > 0 ? done / p.planned : 0;
  const facts = definitionList([
    [t('dash.planned'), formatNumber(p.planned, 0)],
    [t('dash.completed'), `${formatNumber(done, 0)} (${formatPercent(ratio)})`],
    ...(p.approved !== undefined ? [[t('dash.approved'), formatNumber(p.approved, 0)] as [string, string]] : []),
    ...(p.unreachable !== undefined ? [[t('dash.unreachable'), formatNumber(p.unreachable, 0)] as [string, string]] : []),
    ...(p.voided !== undefined ? [[t('dash.voided'), formatNumber(p.voided, 0)] as [string, string]] : []),
  ]);
  const meter = h('div', { class: 'meter' },
    h('progress', { max: Math.max(1, p.planned), value: done, 'aria-label': t('dash.progress') }),
    h('span', null, formatPercent(ratio)));
  if (rows.length === 0) return section(t('dash.progress'), meter, facts);
  const table = dataTable(t('dash.progressTable'), [
    { header: t('dash.round'), cell: (r: ProgressRow) => label(r), rowHeader: true },
    { header: t('dash.planned'), cell: (r) => formatNumber(r.planned, 0), numeric: true },
    { header: t('dash.completed'), cell: (r) => formatNumber(r.completed, 0), numeric: true },
    { header: t('dash.rate'), cell: (r) => formatPercent(r.planned ? r.completed / r.planned : 0), numeric: true },
  ], rows);
  const figure = chartFigure({
    title: t('dash.progressChart'),
    summary: t('dash.progressSummary', { done: formatNumber(done, 0), planned: formatNumber(p.planned, 0), rate: formatPercent(ratio) }),
    table,
    height: 240,
    option: {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: rows.map(label) },
      yAxis: { type: 'value' },
      series: [
        { name: t('dash.planned'), type: 'bar', data: rows.map((r) => r.planned), itemStyle: { color: '#8fa8c8' } },
        { name: t('dash.completed'), type: 'bar', data: rows.map((r) => r.completed), itemStyle: { color: palette[0] } },
      ],
    },
  });
  return section(t('dash.progress'), meter, facts, figure);
}

function distributionSection(data: Dashboard): HTMLElement {
  const bins = data.distribution ?? [];
  if (bins.length === 0) return section(t('dash.distribution'), empty());
  const total = bins.reduce((sum, b) => sum + b.count, 0);
  const labelOf = (b: DistributionBin): string => `${formatNumber(b.from, 0)}–${formatNumber(b.to, 0)}`;
  const peak = bins.reduce((best, b) => (b.count > best.count ? b : best), bins[0]!);
  const table = dataTable(t('dash.distributionTable'), [
    { header: t('dash.scoreRange'), cell: (b: DistributionBin) => labelOf(b), rowHeader: true },
    { header: t('dash.employees'), cell: (b) => formatNumber(b.count, 0), numeric: true },
    { header: t('dash.share'), cell: (b) => formatPercent(total ? b.count / total : 0), numeric: true },
  ], bins);
  const grades = data.grade_counts
    ? definitionList(Object.entries(data.grade_counts).map(([grade, n]) => [t('dash.gradeN', { grade }), formatNumber(n, 0)]))
    : null;
  return section(
    t('dash.distribution'),
    chartFigure({
      title: t('dash.distributionChart'),
      summary: t('dash.distributionSummary', { total: formatNumber(total, 0), range: labelOf(peak), n: formatNumber(peak.count, 0) }),
      table,
      height: 240,
      option: {
        tooltip: { trigger: 'axis' },
        grid: { left: 48, right: 16, top: 16, bottom: 28 },
        xAxis: { type: 'category', data: bins.map(labelOf), name: t('dash.adjusted'), nameLocation: 'middle', nameGap: 22 },
        yAxis: { type: 'value', name: t('dash.employees') },
        series: [{ type: 'bar', name: t('dash.employees'), data: bins.map((b) => b.count), barCategoryGap: '8%' }],
      },
    }),
    grades,
  );
}

function departmentSection(data: Dashboard): HTMLElement {
  const departments = [...(data.departments ?? [])].filter((d) => d.adjusted !== null);
  if (departments.length === 0) return section(t('dash.departments'), empty());
  departments.sort((a, b) => (b.adjusted ?? 0) - (a.adjusted ?? 0));
  const names = departments.map(departmentName);
  const low = departments.map((d) => d.ci90_low ?? d.adjusted ?? 0);
  const high = departments.map((d) => d.ci90_high ?? d.adjusted ?? 0);
  const minimum = Math.floor(Math.min(...low) / 5) * 5;
  const table = dataTable(t('dash.departmentsTable'), [
    { header: t('dash.rank'), cell: (d: DepartmentScore) => (d.rank_worst && d.rank_worst !== d.rank ? `${d.rank}–${d.rank_worst}` : String(d.rank ?? '–')), numeric: true },
    { header: t('dash.department'), cell: (d) => departmentName(d), rowHeader: true },
    { header: t('dash.group'), cell: (d) => groupLabel(d.group) },
    { header: t('dash.adjusted'), cell: (d) => formatNumber(d.adjusted), numeric: true },
    { header: t('dash.interval'), cell: (d) => `${formatNumber(d.ci90_low)}–${formatNumber(d.ci90_high)}`, numeric: true },
    { header: t('dash.rawMean'), cell: (d) => formatNumber(d.raw_mean), numeric: true },
  ], departments);
  const best = departments[0]!;
  const worst = departments[departments.length - 1]!;
  return section(
    t('dash.departments'),
    h('p', { class: 'hint' }, t('dash.rankExplain')),
    chartFigure({
      title: t('dash.departmentsChart'),
      summary: t('dash.departmentsSummary', { n: departments.length, best: departmentName(best), bestScore: formatNumber(best.adjusted), worst: departmentName(worst), worstScore: formatNumber(worst.adjusted) }),
      table,
      height: Math.max(240, departments.length * 18 + 60),
      option: {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 8, right: 24, top: 16, bottom: 28, containLabel: true },
        yAxis: { type: 'category', data: names, inverse: true, axisLabel: { fontSize: 11 } },
        xAxis: { type: 'value', min: minimum, max: 100 },
        series: [
          // An invisible bar up to the interval's low end, then the interval as a visible bar.
          { type: 'bar', stack: 'ci', data: low, itemStyle: { color: 'transparent' }, tooltip: { show: false }, silent: true },
          { type: 'bar', stack: 'ci', name: t('dash.interval'), data: high.map((v, i) => +(v - (low[i] ?? 0)).toFixed(2)), itemStyle: { color: '#b9cbe3' }, barWidth: 8 },
          { type: 'scatter', name: t('dash.adjusted'), data: departments.map((d) => d.adjusted), symbolSize: 8, itemStyle: { color: palette[0] } },
        ],
      },
    }),
  );
}

function itemSection(data: Dashboard): HTMLElement {
  const cells = data.items ?? [];
  if (cells.length === 0) return section(t('dash.items'), empty());
  const itemIds: string[] = [];
  const itemNames = new Map<string, string>();
  const columns: string[] = [];
  for (const cell of cells) {
    if (!itemNames.has(cell.item_id)) {
      itemIds.push(cell.item_id);
      const name = (locale() === 'en' ? cell.name_en ?? cell.en : cell.name_ko ?? cell.ko) ?? cell.name_ko ?? cell.ko ?? '';
      itemNames.set(cell.item_id, name ? `${cell.item_id} ${name}` : cell.item_id);
    }
    const column = cell.group ?? cell.column ?? 'all';
    if (!columns.includes(column)) columns.push(column);
  }
  const value = new Map(cells.map((c) => [`${c.item_id}|${c.group ?? c.column ?? 'all'}`, c.achievement]));
  const columnLabel = (c: string): string => (c === 'all' ? t('dash.all') : groupLabel(c));
  const heat: [number, number, number][] = [];
  itemIds.forEach((item, y) => columns.forEach((column, x) => {
    const v = value.get(`${item}|${column}`);
    if (v !== undefined) heat.push([x, y, Math.round(v * 1000) / 10]);
  }));
  const weakest = [...cells].sort((a, b) => a.achievement - b.achievement)[0]!;
  const table = dataTable(t('dash.itemsTable'), [
    { header: t('dash.item'), cell: (item: string) => itemNames.get(item) ?? item, rowHeader: true },
    ...columns.map((column) => ({ header: columnLabel(column), cell: (item: string) => formatPercent(value.get(`${item}|${column}`), 1), numeric: true })),
  ], itemIds);
  return section(
    t('dash.items'),
    chartFigure({
      title: t('dash.itemsChart'),
      summary: t('dash.itemsSummary', { item: itemNames.get(weakest.item_id) ?? weakest.item_id, rate: formatPercent(weakest.achievement, 1) }),
      table,
      height: Math.max(260, itemIds.length * 26 + 90),
      option: {
        tooltip: { position: 'top' },
        grid: { left: 8, right: 16, top: 16, bottom: 70, containLabel: true },
        xAxis: { type: 'category', data: columns.map(columnLabel), splitArea: { show: true } },
        yAxis: { type: 'category', data: itemIds.map((i) => itemNames.get(i) ?? i), inverse: true, axisLabel: { fontSize: 11, width: 160, overflow: 'truncate' } },
        visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#b3421d', '#f3e3b3', '#1f5fa8'] }, text: ['100%', '0%'] },
        series: [{ type: 'heatmap', data: heat, label: { show: true, formatter: (p: { value: number[] }) => `${p.value[2]}` } }],
      },
    }),
  );
}

function trendSection(data: Dashboard): HTMLElement {
  const months = data.monthly ?? [];
  if (months.length === 0) return section(t('dash.trend'), empty());
  const table = dataTable(t('dash.trendTable'), [
    { header: t('dash.month'), cell: (m: MonthRow) => m.month, rowHeader: true },
    { header: t('dash.contacts'), cell: (m) => formatNumber(m.contacts, 0), numeric: true },
    { header: t('dash.meanScore'), cell: (m) => formatNumber(m.mean), numeric: true },
  ], months);
  const first = months[0]!;
  const last = months[months.length - 1]!;
  return section(
    t('dash.trend'),
    chartFigure({
      title: t('dash.trendChart'),
      summary: t('dash.trendSummary', { from: first.month, fromScore: formatNumber(first.mean), to: last.month, toScore: formatNumber(last.mean) }),
      table,
      height: 260,
      option: {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 48, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: months.map((m) => m.month) },
        yAxis: [{ type: 'value', name: t('dash.meanScore'), min: (v: { min: number }) => Math.floor(v.min - 5) }, { type: 'value', name: t('dash.contacts') }],
        series: [
          { type: 'bar', name: t('dash.contacts'), yAxisIndex: 1, data: months.map((m) => m.contacts), itemStyle: { color: '#c9d6e8' } },
          { type: 'line', name: t('dash.meanScore'), data: months.map((m) => m.mean), symbolSize: 7, lineStyle: { width: 3 } },
        ],
      },
    }),
  );
}
