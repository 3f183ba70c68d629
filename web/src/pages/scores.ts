// Admin score pages: per-employee fair scores with filters (department, grade, uncertain only,
// search), and monitor calibration (severity with intervals, fit, drift, reliability).
import { api, itemsOf } from '../api';
import { h } from '../dom';
import { formatNumber, t } from '../i18n';
import { chartFigure, palette } from '../components/chart';
import { employeeScoreTable, explainAdjusted, intervalChart, isUncertain } from '../components/score-views';
import { badge, campaignPicker, campaigns, chooseCampaign, dataTable, empty, field, section } from '../components/ui';
import type { PageContext } from '../routes';
import type { EmployeeScore, MonitorScore, Page } from '../types';

export async function renderScores(context: PageContext): Promise<void> {
  const list = await campaigns();
  const campaign = await chooseCampaign(context.query);
  context.root.append(campaignPicker(list, campaign, (code) => context.setQuery({ campaign: code })));
  if (!campaign) {
    context.root.append(empty('campaign.none'));
    return;
  }
  const all = itemsOf(await api.get<Page<EmployeeScore>>('/api/scores', { campaign: campaign.code, level: 'employee', page_size: 500 }));
  const department = context.query.get('department') ?? '';
  const grade = context.query.get('grade') ?? '';
  const uncertainOnly = context.query.get('uncertain') === '1';
  const search = (context.query.get('q') ?? '').trim().toLowerCase();
  const departments = [...new Map(all.map((s) => [s.department_code ?? '', s.department_name ?? s.department_code ?? ''])).entries()]
    .filter(([code]) => code)
    .sort((a, b) => a[1].localeCompare(b[1]));
  const rows = all.filter((s) =>
    (!department || s.department_code === department) &&
    (!grade || s.grade === grade) &&
    (!uncertainOnly || isUncertain(s)) &&
    (!search || `${s.name ?? ''} ${s.employee_no}`.toLowerCase().includes(search)));

  const searchInput = h('input', { type: 'search', name: 'q', value: context.query.get('q') ?? '' });
  const filters = h('form', {
    class: 'filters', role: 'search', 'aria-label': t('scores.filters'),
    onsubmit: (e: Event) => { e.preventDefault(); context.setQuery({ q: searchInput.value.trim() || null }); },
  },
    field(t('score.department'), h('select', { name: 'department', onchange: (e: Event) => context.setQuery({ department: (e.target as HTMLSelectElement).value || null }) },
      h('option', { value: '' }, t('common.all')), departments.map(([code, name]) => h('option', { value: code, selected: code === department }, name)))),
    field(t('score.grade'), h('select', { name: 'grade', onchange: (e: Event) => context.setQuery({ grade: (e.target as HTMLSelectElement).value || null }) },
      h('option', { value: '' }, t('common.all')), ['S', 'A', 'B', 'C'].map((g) => h('option', { value: g, selected: g === grade }, g)))),
    h('label', { class: 'choice' }, h('input', { type: 'checkbox', name: 'uncertain', checked: uncertainOnly, onchange: (e: Event) => context.setQuery({ uncertain: (e.target as HTMLInputElement).checked ? '1' : null }) }), t('scores.uncertainOnly')),
    field(t('scores.search'), searchInput),
    h('button', { type: 'submit' }, t('scores.apply')),
  );
  context.root.append(filters, h('p', { class: 'lead', 'aria-live': 'polite' }, t('scores.shown', { n: rows.length, total: all.length })), explainAdjusted());
  if (rows.length === 0) {
    context.root.append(empty());
    return;
  }
  const table = employeeScoreTable(t('scores.table'), rows);
  // A chart of hundreds of rows says little; it appears once the filters narrow the list.
  if (rows.length <= 60) context.root.append(section(t('scores.chartSection'), intervalChart(t('scores.chart'), rows, table)));
  else context.root.append(section(t('scores.tableSection'), h('p', { class: 'hint' }, t('scores.narrowForChart')), table));
}

export async function renderCalibration(context: PageContext): Promise<void> {
  const list = await campaigns();
  const campaign = await chooseCampaign(context.query);
  context.root.append(campaignPicker(list, campaign, (code) => context.setQuery({ campaign: code })));
  if (!campaign) {
    context.root.append(empty('campaign.none'));
    return;
  }
  const [monitors, reliability] = await Promise.all([
    api.get<Page<MonitorScore>>('/api/scores', { campaign: campaign.code, level: 'monitor', page_size: 500 }),
    api.get<Page<Record<string, unknown>> | Record<string, unknown>>('/api/scores', { campaign: campaign.code, level: 'reliability' }).catch(() => null),
  ]);
  const rows = itemsOf(monitors).filter((m) => m.severity !== null);
  context.root.append(h('p', { class: 'hint' }, t('calibration.intro')));
  if (rows.length) {
    const label = (m: MonitorScore): string => m.name ? `${m.name} (${m.monitor_code ?? m.monitor_ref ?? ''})` : m.monitor_code ?? m.monitor_ref ?? '';
    const sorted = [...rows].sort((a, b) => (b.severity ?? 0) - (a.severity ?? 0));
    const low = sorted.map((m) => m.ci90_low ?? m.severity ?? 0);
    const high = sorted.map((m) => m.ci90_high ?? m.severity ?? 0);
    const flagged = sorted.filter((m) => m.flag).length;
    const table = dataTable(t('calibration.table'), [
      { header: t('calibration.monitor'), rowHeader: true, cell: (m: MonitorScore) => label(m) },
      { header: t('score.contacts'), numeric: true, cell: (m) => formatNumber(m.contacts, 0) },
      { header: t('calibration.severity'), numeric: true, cell: (m) => formatNumber(m.severity) },
      { header: t('score.interval'), numeric: true, cell: (m) => `${formatNumber(m.ci90_low)}–${formatNumber(m.ci90_high)}` },
      { header: t('calibration.flag'), cell: (m) => (m.flag ? badge(m.flag === 'harsh' ? t('calibration.harsh') : m.flag === 'lenient' ? t('calibration.lenient') : m.flag, 'warn') : '') },
      { header: t('calibration.infit'), numeric: true, cell: (m) => formatNumber(m.infit, 2) },
      { header: t('calibration.outfit'), numeric: true, cell: (m) => formatNumber(m.outfit, 2) },
      { header: t('calibration.drift'), numeric: true, cell: (m) => formatNumber(m.drift_per_30_days) },
    ], sorted);
    context.root.append(section(t('calibration.severitySection'), chartFigure({
      title: t('calibration.chart'),
      summary: t('calibration.summary', { n: sorted.length, flagged }),
      table,
      height: Math.max(220, sorted.length * 24 + 60),
      option: {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 8, right: 24, top: 16, bottom: 28, containLabel: true },
        yAxis: { type: 'category', data: sorted.map(label), inverse: true },
        xAxis: { type: 'value', name: t('calibration.severityAxis'), nameLocation: 'middle', nameGap: 24 },
        series: [
          { type: 'bar', stack: 'ci', data: low, itemStyle: { color: 'transparent' }, tooltip: { show: false }, silent: true },
          { type: 'bar', stack: 'ci', name: t('score.interval'), data: high.map((v, i) => +(v - (low[i] ?? 0)).toFixed(2)), itemStyle: { color: '#b9cbe3' }, barWidth: 8 },
          { type: 'scatter', name: t('calibration.severity'), data: sorted.map((m) => m.severity), symbolSize: 9, itemStyle: { color: palette[0] },
            markLine: { silent: true, symbol: 'none', data: [{ xAxis: 0 }], lineStyle: { color: '#555' } } },
        ],
      },
    })));
  } else {
    context.root.append(empty());
  }
  if (reliability) {
    const items = itemsOf(reliability as Page<Record<string, unknown>>);
    const records = items.length ? items : [reliability as Record<string, unknown>];
    const columns = Object.keys(records[0] ?? {}).filter((key) => typeof records[0]?.[key] !== 'object');
    if (columns.length) {
      context.root.append(section(t('calibration.reliability'), h('p', { class: 'hint' }, t('calibration.reliabilityHint')),
        dataTable(t('calibration.reliabilityTable'), columns.map((key, index) => ({
          header: key, rowHeader: index === 0,
          numeric: typeof records[0]?.[key] === 'number',
          cell: (r: Record<string, unknown>) => (typeof r[key] === 'number' ? formatNumber(r[key] as number, 3) : String(r[key] ?? '')),
        })), records)));
    }
  }
}
