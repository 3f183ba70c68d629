// Admin score pages: per-employee fair scores with filters (department, grade, uncertain only,
// search), and monitor calibration (severity with intervals, fit, drift, reliability).
import { api } from '../api';
import { bdi, h } from '../dom';
import { isolate } from '../bidi';
import { formatNumber, formatPercent, t } from '../i18n';
import type { MessageKey } from '../messages/ko';
import { chartFigure, palette } from '../components/chart';
import { employeeScoreTable, explainAdjusted, intervalChart, isUncertain } from '../components/score-views';
import { badge, campaignHeader, dataTable, departmentNames, empty, field, pager, section } from '../components/ui';
import type { PageContext } from '../routes';
import type { EmployeeScore, MonitorScore, ScoreList } from '../types';

export async function renderScores(context: PageContext): Promise<void> {
  const campaign = await campaignHeader(context);
  if (!campaign) return;
  const [result, names] = await Promise.all([
    api.get<ScoreList<EmployeeScore>>('/api/scores', { campaign: campaign.code, level: 'employee' }),
    departmentNames(),
  ]);
  const all = result.items;
  const department = context.query.get('department') ?? '';
  const grade = context.query.get('grade') ?? '';
  const uncertainOnly = context.query.get('uncertain') === '1';
  const search = (context.query.get('q') ?? '').trim().toLowerCase();
  const departments = [...new Set(all.map((s) => s.department_code ?? ''))]
    .filter(Boolean)
    .map((code) => [code, isolate(names.get(code)?.name ?? code)] as const)
    .sort((a, b) => a[1].localeCompare(b[1]));
  const rows = all.filter((s) =>
    (!department || s.department_code === department) &&
    (!grade || s.grade === grade) &&
    (!uncertainOnly || isUncertain(s)) &&
    (!search || `${s.name ?? ''} ${s.employee_no}`.toLowerCase().includes(search)));

  const searchInput = h('input', { type: 'search', name: 'q', value: context.query.get('q') ?? '' });
  const filters = h('form', {
    class: 'filters', role: 'search', 'aria-label': t('scores.filters'),
    onsubmit: (e: Event) => { e.preventDefault(); context.setQuery({ q: searchInput.value.trim() || null, page: null }); },
  },
    field(t('score.department'), h('select', { name: 'department', onchange: (e: Event) => context.setQuery({ department: (e.target as HTMLSelectElement).value || null, page: null }) },
      h('option', { value: '' }, t('common.all')), departments.map(([code, name]) => h('option', { value: code, selected: code === department }, name)))),
    field(t('score.grade'), h('select', { name: 'grade', onchange: (e: Event) => context.setQuery({ grade: (e.target as HTMLSelectElement).value || null, page: null }) },
      h('option', { value: '' }, t('common.all')), ['S', 'A', 'B', 'C'].map((g) => h('option', { value: g, selected: g === grade }, g)))),
    h('label', { class: 'choice' }, h('input', { type: 'checkbox', name: 'uncertain', checked: uncertainOnly, onchange: (e: Event) => context.setQuery({ uncertain: (e.target as HTMLInputElement).checked ? '1' : null, page: null }) }), t('scores.uncertainOnly')),
    field(t('scores.search'), searchInput),
    h('button', { type: 'submit' }, t('scores.apply')),
  );
  context.root.append(filters, h('p', { class: 'lead' }, t('scores.shown', { n: rows.length, total: all.length })));
  if (result.notes?.length) context.root.append(h('div', { class: 'notice', role: 'note' }, h('ul', null, result.notes.map((n) => h('li', null, bdi(n))))));
  context.root.append(explainAdjusted());
  if (rows.length === 0) {
    context.root.append(empty());
    return;
  }
  // A chart of hundreds of rows says little; it appears once the filters narrow the list.
  if (rows.length <= 60) {
    context.root.append(section(t('scores.chartSection'), intervalChart(t('scores.chart'), rows, employeeScoreTable(t('scores.table'), rows, names))));
    return;
  }
  const pageSize = 100;
  const pages = Math.ceil(rows.length / pageSize);
  const page = Math.min(pages, Math.max(1, Number(context.query.get('page') ?? '1') || 1));
  const shown = rows.slice((page - 1) * pageSize, page * pageSize);
  context.root.append(section(t('scores.tableSection'), h('p', { class: 'hint' }, t('scores.narrowForChart')),
    employeeScoreTable(t('scores.table'), shown, names),
    pager({ items: shown, page, page_size: pageSize, total: rows.length }, (p) => context.setQuery({ page: p }))));
}

const FLAG_KEYS: Record<string, MessageKey> = {
  harsh: 'calibration.harsh', lenient: 'calibration.lenient', erratic: 'calibration.erratic', muted: 'calibration.muted', drifting: 'calibration.drifting',
};

export async function renderCalibration(context: PageContext): Promise<void> {
  const campaign = await campaignHeader(context);
  if (!campaign) return;
  const [monitors, reliability] = await Promise.all([
    api.get<ScoreList<MonitorScore>>('/api/scores', { campaign: campaign.code, level: 'monitor' }),
    api.get<ScoreList<Record<string, number | null>>>('/api/scores', { campaign: campaign.code, level: 'reliability' }).catch(() => null),
  ]);
  const rows = monitors.items.filter((m) => m.severity !== null);
  context.root.append(h('p', { class: 'hint' }, t('calibration.intro')));
  if (rows.length) {
    const sorted = [...rows].sort((a, b) => (b.severity ?? 0) - (a.severity ?? 0));
    const low = sorted.map((m) => m.ci90_low ?? m.severity ?? 0);
    const high = sorted.map((m) => m.ci90_high ?? m.severity ?? 0);
    const flagsOf = (m: MonitorScore): string[] => (m.flags ?? '').split(';').filter(Boolean);
    const flagged = sorted.filter((m) => flagsOf(m).some((f) => f === 'harsh' || f === 'lenient')).length;
    const table = dataTable(t('calibration.table'), [
      { header: t('calibration.monitor'), rowHeader: true, cell: (m: MonitorScore) => bdi(m.monitor_code) },
      { header: t('score.contacts'), numeric: true, cell: (m) => formatNumber(m.contacts, 0) },
      { header: t('calibration.severity'), numeric: true, cell: (m) => formatNumber(m.severity) },
      { header: t('score.interval'), numeric: true, cell: (m) => `${formatNumber(m.ci90_low)}–${formatNumber(m.ci90_high)}` },
      { header: t('calibration.flag'), cell: (m) => h('span', null, flagsOf(m).map((f) => badge(FLAG_KEYS[f] ? t(FLAG_KEYS[f]) : isolate(f), 'warn'))) },
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
        grid: { left: 8, right: 24, top: 16, bottom: 40, containLabel: true },
        yAxis: { type: 'category', data: sorted.map((m) => isolate(m.monitor_code)), inverse: true },
        xAxis: { type: 'value', name: t('calibration.severityAxis'), nameLocation: 'middle', nameGap: 26 },
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
  if (reliability && reliability.items.length) {
    const percent = (v: number | null | undefined): string => formatPercent(v ?? null, 0);
    const phi = (v: number | null | undefined): string => formatNumber(v ?? null, 2);
    context.root.append(section(t('calibration.reliability'), h('p', { class: 'hint' }, t('calibration.reliabilityHint')),
      dataTable(t('calibration.reliabilityTable'), [
        { header: t('calibration.contactsPerEmployee'), rowHeader: true, numeric: true, cell: (r: Record<string, number | null>) => formatNumber(r.contacts_per_employee, 0) },
        { header: t('calibration.phiRaw'), numeric: true, cell: (r) => phi(r.phi_raw) },
        { header: t('calibration.phiAdjusted'), numeric: true, cell: (r) => phi(r.phi_adjusted) },
        { header: t('calibration.misgrade'), numeric: true, cell: (r) => percent(r.expected_misgrade_share) },
        { header: t('calibration.misgradeRelative'), numeric: true, cell: (r) => percent(r.relative_misgrade_share) },
      ], reliability.items)));
  }
}
