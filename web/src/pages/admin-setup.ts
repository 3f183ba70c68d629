// Admin set-up and operation pages: campaigns (release of results), the plan as a calendar,
// objections, organisation and roster import, rubrics, scenarios, monitors, users and roles.
import { api, ApiError, itemsOf, request } from '../api';
import { announce, bdi, h, replace } from '../dom';
import { isolate } from '../bidi';
import { formatDate, formatDateTime, formatMonth, formatNumber, pick, t } from '../i18n';
import type { MessageKey } from '../messages/ko';
import { rubrics } from '../components/evaluation-view';
import {
  badge, campaigns, channelLabel, dataTable, definitionList, departmentNames, empty, errorBox, field, forgetCampaigns, pager,
  section, showFormErrors,
} from '../components/ui';
import type { PageContext } from '../routes';
import type { Assignment, Campaign, Job, List, Objection, Page, Role, Rubric } from '../types';

// ---- campaigns ----

function isoInDays(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

export async function renderCampaigns(context: PageContext): Promise<void> {
  forgetCampaigns();
  const list = await campaigns();
  if (list.length === 0) {
    context.root.append(empty('campaign.none'));
    return;
  }
  const released = context.query.get('released');
  if (released) context.root.append(h('p', { class: 'success', role: 'status' }, t('campaign.releasedNow')));
  context.root.append(dataTable(t('campaign.table'), [
    { header: t('campaign.code'), rowHeader: true, cell: (c: Campaign) => c.code },
    { header: t('campaign.name'), cell: (c) => bdi(c.name) },
    { header: t('campaign.window'), cell: (c) => `${formatDate(c.start)} – ${formatDate(c.end)}` },
    { header: t('campaign.rounds'), numeric: true, cell: (c) => formatNumber(c.rounds?.length ?? null, 0) },
    { header: t('campaign.evaluations'), numeric: true, cell: (c) => (c.counts ? `${formatNumber(c.counts.approved, 0)} / ${formatNumber(c.counts.evaluations, 0)}` : '–') },
    { header: t('campaign.pending'), numeric: true, cell: (c) => formatNumber(c.counts?.pending ?? null, 0) },
    {
      header: t('campaign.results'),
      cell: (c) => (c.results_released_at
        ? h('span', null, badge(t('campaign.released'), 'ok'), ' ', t('campaign.deadlineShort', { date: formatDate(c.objection_deadline) }))
        : badge(t('campaign.notReleased'))),
    },
    { header: t('campaign.actions'), cell: (c) => h('div', { class: 'actions' },
      h('a', { href: `#/campaigns/${encodeURIComponent(c.code)}/plan` }, t('campaign.plan')),
      c.results_released_at ? null : releaseForm(c, context)) },
  ], list));
}

// Release the results of a campaign, with the last day on which employees may object.
function releaseForm(c: Campaign, context: PageContext): HTMLElement {
  const deadline = h('input', { type: 'date', name: `deadline-${c.code}`, value: isoInDays(14), 'data-field': 'objection_deadline' });
  const messages = h('div', { 'aria-live': 'polite' });
  const form: HTMLFormElement = h('form', { class: 'inline-form', novalidate: true, onsubmit: async (e: Event) => {
    e.preventDefault();
    messages.replaceChildren();
    if (!window.confirm(t('campaign.releaseConfirm', { name: c.name }))) return;
    try {
      await api.post(`/api/campaigns/${encodeURIComponent(c.code)}/results-release`, { objection_deadline: deadline.value });
      announce(t('campaign.releasedNow'));
      context.navigate(`/campaigns?released=${encodeURIComponent(c.code)}`);
    } catch (error) {
      messages.append(showFormErrors(form, error));
    }
  } }, field(t('campaign.deadline'), deadline), h('button', { type: 'submit' }, t('campaign.release'), h('span', { class: 'visually-hidden' }, ` ${c.code}`)), messages);
  return form;
}

// ---- plan calendar ----

export async function renderPlan(context: PageContext): Promise<void> {
  const code = context.params.code ?? '';
  context.setTitle(t('plan.titleFor', { code }));
  context.root.append(h('p', { class: 'notice', role: 'note' }, t('plan.audited')));
  // The plan comes in pages of at most 500.
  const assignments: Assignment[] = [];
  let unreleased = 0;
  for (let page = 1; page <= 200; page += 1) {
    const part = await api.get<Page<Assignment> & { unreleased?: number }>(`/api/campaigns/${encodeURIComponent(code)}/plan`, { page, page_size: 500 });
    assignments.push(...part.items);
    unreleased = part.unreleased ?? unreleased;
    if (part.items.length === 0 || assignments.length >= part.total) break;
  }
  const departments = await departmentNames();
  if (assignments.length === 0) {
    context.root.append(empty('plan.empty'));
    return;
  }
  const dateOf = (a: Assignment): string => a.date;
  const byDay = new Map<string, Assignment[]>();
  for (const a of assignments) {
    const day = dateOf(a);
    if (!byDay.has(day)) byDay.set(day, []);
    byDay.get(day)!.push(a);
  }
  const days = [...byDay.keys()].filter(Boolean).sort();
  const months = [...new Set(days.map((d) => d.slice(0, 7)))];
  const month = months.includes(context.query.get('month') ?? '') ? context.query.get('month')! : months[0]!;
  const selectedDay = context.query.get('day');
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const monthIndex = months.indexOf(month);

  context.root.append(h('p', { class: 'lead' }, t('plan.summary', { n: assignments.length, days: days.length, unreleased })));
  const nav = h('div', { class: 'toolbar calendar-nav' },
    h('button', { type: 'button', disabled: monthIndex <= 0, onclick: () => context.setQuery({ month: months[monthIndex - 1] ?? null, day: null }) }, t('plan.prevMonth')),
    h('h2', { class: 'calendar-title', id: 'cal-title' }, formatMonth(year, monthNumber - 1)),
    h('button', { type: 'button', disabled: monthIndex >= months.length - 1, onclick: () => context.setQuery({ month: months[monthIndex + 1] ?? null, day: null }) }, t('plan.nextMonth')),
  );
  const weekdays = [0, 1, 2, 3, 4, 5, 6].map((i) => new Intl.DateTimeFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'ko-KR', { weekday: 'short' }).format(new Date(2021, 7, 1 + i)));
  const first = new Date(year, monthNumber - 1, 1);
  const daysInMonth = new Date(year, monthNumber, 0).getDate();
  const cells: (number | null)[] = [...Array(first.getDay()).fill(null), ...Array.from({ length: daysInMonth }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const rows: (number | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
  const iso = (d: number): string => `${month}-${String(d).padStart(2, '0')}`;
  const table = h('table', { class: 'calendar', 'aria-labelledby': 'cal-title' },
    h('thead', null, h('tr', null, weekdays.map((w) => h('th', { scope: 'col' }, w)))),
    h('tbody', null, rows.map((week) => h('tr', null, week.map((d) => {
      if (d === null) return h('td', { class: 'blank' });
      const list = byDay.get(iso(d)) ?? [];
      const phone = list.filter((a) => a.channel === 'phone').length;
      const visit = list.length - phone;
      return h('td', { class: list.length ? 'busy' : null },
        list.length
          ? h('button', { type: 'button', class: 'day', 'aria-pressed': selectedDay === iso(d) ? 'true' : 'false', onclick: () => context.setQuery({ day: iso(d) }) },
              h('span', { class: 'visually-hidden' }, `${formatDate(iso(d))}: `),
              h('span', { class: 'day-number' }, String(d)),
              h('span', { class: 'day-counts' }, t('plan.phoneCount', { n: phone }), h('br'), t('plan.visitCount', { n: visit })))
          : h('span', { class: 'day-number muted' }, String(d)));
    })))));
  context.root.append(h('div', { class: 'card' }, nav, h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': formatMonth(year, monthNumber - 1) }, table)));
  if (selectedDay && byDay.has(selectedDay)) {
    const rows = [...(byDay.get(selectedDay) ?? [])].sort((a, b) => a.start.localeCompare(b.start));
    context.root.append(section(t('plan.dayTitle', { date: formatDate(selectedDay) }), dataTable(t('plan.dayTable'), [
      { header: t('plan.time'), rowHeader: true, cell: (a: Assignment) => a.start },
      { header: t('evaluation.channel'), cell: (a) => channelLabel(a.channel) },
      { header: t('evaluation.department'), cell: (a) => bdi(departments.get(a.department_code)?.name ?? a.department_code) },
      { header: t('evaluation.employee'), cell: (a) => a.employee_no || '–' },
      { header: t('evaluation.monitor'), cell: (a) => a.monitor_code ?? '–' },
      { header: t('evaluation.scenario'), cell: (a) => a.scenario_code ?? '–' },
      { header: t('plan.released'), cell: (a) => (a.released ? t('form.yes') : t('form.no')) },
      { header: t('evaluation.state'), cell: (a) => (a.status ? t(`plan.status.${a.status}` as MessageKey) : '–') },
    ], rows)));
  }
}

// ---- objections ----

export async function renderObjections(context: PageContext): Promise<void> {
  const result = await api.get<List<Objection>>('/api/objections', { state: context.query.get('state') });
  if (result.items.length === 0) {
    context.root.append(empty('objection.none'));
    return;
  }
  context.root.append(h('ul', { class: 'cards' }, result.items.map((o) => {
    const reason = h('textarea', { name: `decision-reason-${o.id}`, rows: 2, 'data-field': 'reason' });
    const messages = h('div', { 'aria-live': 'polite' });
    const decide = async (decision: 'upheld' | 'rejected'): Promise<void> => {
      messages.replaceChildren();
      if (!reason.value.trim()) {
        messages.append(showFormErrors(card, new ApiError(422, 'invalid_argument', t('objection.reasonRequired'), [{ field: 'reason', message: t('objection.reasonRequired') }], true)));
        reason.focus();
        return;
      }
      try {
        await api.post(`/api/objections/${o.id}/decision`, { decision, reason: reason.value.trim() });
        messages.append(h('p', { class: 'success', role: 'status' }, t(decision === 'upheld' ? 'objection.upheld' : 'objection.rejected')));
        card.querySelectorAll('button').forEach((b) => { b.disabled = true; });
      } catch (error) {
        messages.append(showFormErrors(card, error));
      }
    };
    const pending = o.state === 'open';
    const card = h('li', { class: 'card' },
      h('h2', null, t('objection.on', { id: o.evaluation_code ?? String(o.evaluation_id), name: o.employee_name ?? o.employee_no ?? '' })),
      definitionList([
        [t('objection.filed'), formatDateTime(o.filed_at)],
        [t('objection.reason'), bdi(o.reason)],
        [t('objection.state'), [t(`objection.state.${o.state}` as MessageKey), o.decision_reason ? [' — ', bdi(o.decision_reason)] : null]],
      ]),
      h('p', null, h('a', { href: `#/review/${o.evaluation_id}` }, t('objection.viewEvaluation'))),
      pending ? [field(t('objection.decisionReason'), reason), h('div', { class: 'form-actions' },
        h('button', { type: 'button', onclick: () => decide('upheld') }, t('objection.uphold')),
        h('button', { type: 'button', onclick: () => decide('rejected') }, t('objection.reject')))] : null,
      messages);
    return card;
  })), h('p', { class: 'muted' }, t('common.total', { n: result.items.length })));
}

// ---- organisation and imports ----

interface Department { code: string; name: string; group: string; group_name?: string }
interface Employee { employee_no: string; name?: string; department_code: string; position?: string; phone?: string; counter?: boolean; active?: boolean }

export async function renderOrganisation(context: PageContext): Promise<void> {
  context.root.append(section(t('org.import'), importForm('roster', context, true)));
  const department = context.query.get('department');
  const [departments, employees] = await Promise.all([
    api.get<List<Department>>('/api/departments'),
    api.get<Page<Employee>>('/api/employees', { page: Number(context.query.get('page') ?? '1') || 1, page_size: 50, department }),
  ]);
  const deptList = itemsOf(departments);
  const nameOf = new Map(deptList.map((d) => [d.code, d.name]));
  context.root.append(section(t('org.departments'),
    h('p', null, t('org.summary', { departments: deptList.length, employees: department ? '–' : employees.total })),
    dataTable(t('org.departmentsTable'), [
      { header: t('org.code'), rowHeader: true, cell: (d: Department) => d.code },
      { header: t('org.name'), cell: (d) => h('a', { href: `#/organisation?department=${encodeURIComponent(d.code)}`, 'aria-current': d.code === department ? 'true' : null }, bdi(d.name)) },
      { header: t('dash.group'), cell: (d) => d.group_name ?? t(`group.${d.group}` as MessageKey) },
    ], deptList)));
  context.root.append(section(department ? t('org.employeesOf', { name: nameOf.get(department) ?? department }) : t('org.employees'),
    department ? h('p', null, h('a', { href: '#/organisation' }, t('org.allEmployees'))) : null,
    dataTable(t('org.employeesTable'), [
      { header: t('org.employeeNo'), rowHeader: true, cell: (e: Employee) => e.employee_no },
      { header: t('org.name'), cell: (e) => (e.name ? bdi(e.name) : '') },
      { header: t('score.department'), cell: (e) => bdi(nameOf.get(e.department_code) ?? e.department_code) },
      { header: t('org.position'), cell: (e) => (e.position ? bdi(e.position) : '') },
      { header: t('org.counter'), cell: (e) => (e.counter ? t('form.yes') : t('form.no')) },
      { header: t('users.state'), cell: (e) => (e.active === false ? badge(t('org.departed'), 'bad') : '') },
    ], employees.items),
    pager(employees, (p) => context.setQuery({ page: p }))));
}

type ImportKind = 'roster' | 'monitors' | 'scenarios' | 'evaluations';

function importForm(kind: ImportKind, context: PageContext, withDeactivate = false): HTMLElement {
  const file = h('input', { type: 'file', name: `${kind}-file`, accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'data-field': 'file' });
  const deactivate = withDeactivate ? h('input', { type: 'checkbox', name: `${kind}-deactivate` }) : null;
  const report = h('div', { 'aria-live': 'polite' });
  const form: HTMLFormElement = h('form', { novalidate: true, onsubmit: async (e: Event) => {
    e.preventDefault();
    report.replaceChildren();
    const chosen = file.files?.[0];
    if (!chosen) {
      report.append(errorBox(new Error(t('import.pickFile'))));
      return;
    }
    report.append(h('p', { role: 'status' }, t('import.uploading', { name: chosen.name })));
    try {
      const type = chosen.name.toLowerCase().endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
      const started = await request<Job>('POST', `/api/imports/${kind}`, { raw: chosen, contentType: type, query: { deactivate_missing: deactivate?.checked ? 1 : null } });
      const job = await waitForJob(started, (j) => replace(report, h('p', { role: 'status' }, t('import.progress', { n: Math.round((j.progress ?? 0) * 100) }))));
      replace(report, importReport(job, chosen.name));
    } catch (error) {
      replace(report, errorBox(error));
    }
  } },
    field(t(`import.${kind}` as MessageKey), file, t('import.hint')),
    deactivate ? h('label', { class: 'choice' }, deactivate, t('import.deactivateMissing')) : null,
    h('button', { type: 'submit', class: 'primary' }, t('import.submit')), report);
  return form;
}

async function waitForJob(job: Job, progress: (job: Job) => void): Promise<Job> {
  let current = job;
  for (let i = 0; i < 1200 && (current.state === 'queued' || current.state === 'running'); i += 1) {
    progress(current);
    await new Promise((resolve) => window.setTimeout(resolve, 500));
    current = await api.get<Job>(`/api/jobs/${encodeURIComponent(String(current.id))}`);
  }
  return current;
}

type Problem = { field: string; line: number; message: string };

// The error report of a failed import: one row per problem with its line and column, as the
// file's author needs them to fix the file.
function importReport(job: Job, fileName: string): HTMLElement {
  if (job.state === 'failed') {
    const problems = job.result?.problems ?? [];
    return h('div', { class: 'error', role: 'alert' },
      h('p', null, h('strong', null, t('import.failed')), ' ', job.message ? bdi(job.message) : ''),
      h('p', null, t('import.nothingChanged')),
      problems.length ? dataTable(t('import.errorsTableOf', { name: fileName, n: problems.length }), [
        { header: t('import.line'), numeric: true, rowHeader: true, cell: (p: Problem) => (p.line > 0 ? formatNumber(p.line, 0) : '–') },
        { header: t('import.column'), cell: (p) => (p.field ? bdi(p.field) : '–') },
        { header: t('import.message'), cell: (p) => bdi(p.message) },
      ], problems) : null);
  }
  const result = job.result ?? {};
  const counts = (['rows', 'created', 'updated', 'departments_created', 'pending_review', 'unscored'] as const)
    .filter((key) => typeof result[key] === 'number')
    .map((key) => [t(`import.count.${key}` as MessageKey), formatNumber(result[key] as number, 0)] as [string, string]);
  return h('div', { class: 'success', role: 'status' }, h('p', null, h('strong', null, t('import.done'))), counts.length ? definitionList(counts) : null);
}

// ---- rubrics ----

export async function renderRubrics(context: PageContext): Promise<void> {
  const list = await rubrics();
  if (list.length === 0) {
    context.root.append(empty());
    return;
  }
  const codes = [...new Set(list.map((r) => r.code))];
  const code = codes.includes(context.query.get('code') ?? '') ? context.query.get('code')! : codes[0]!;
  const versions = list.filter((r) => r.code === code).sort((a, b) => b.version - a.version);
  const latest = versions[0]!;
  context.root.append(h('div', { class: 'toolbar' }, field(t('rubric.choose'), h('select', { name: 'code', onchange: (e: Event) => context.setQuery({ code: (e.target as HTMLSelectElement).value }) },
    codes.map((c) => { const r = list.find((x) => x.code === c)!; return h('option', { value: c, selected: c === code }, `${pick(r, 'name')} (${c})`); })))));
  context.root.append(section(t('rubric.versionTitle', { name: pick(latest, 'name'), version: latest.version }), rubricView(latest),
    versions.length > 1 ? h('p', { class: 'hint' }, t('rubric.olderVersions', { list: versions.slice(1).map((v) => `v${v.version}`).join(', ') })) : null));
  if (context.user.role === 'admin') context.root.append(section(t('rubric.newVersion'), newVersionForm(latest, context)));
}

function rubricView(rubric: Rubric): HTMLElement {
  return h('div', null,
    dataTable(t('rubric.stages'), [
      { header: t('rubric.stage'), rowHeader: true, cell: (s: Rubric['stages'][number]) => pick(s) },
      { header: t('rubric.points'), numeric: true, cell: (s) => formatNumber(s.points, 1) },
    ], rubric.stages),
    dataTable(t('rubric.items'), [
      { header: t('rubric.item'), rowHeader: true, cell: (i: Rubric['items'][number]) => `${i.id} ${pick(i)}` },
      { header: t('rubric.stage'), cell: (i) => pick(rubric.stages.find((s) => s.code === i.stage) ?? { ko: i.stage }) },
      { header: t('rubric.type'), cell: (i) => t(`rubric.type.${i.type}` as MessageKey) },
      { header: t('rubric.points'), numeric: true, cell: (i) => formatNumber(i.points, 1) },
      { header: t('rubric.details'), cell: (i) => i.elements?.map((e) => `${pick(e)} ${e.points}`).join(', ') ?? (i.not_applicable ? t('rubric.na', { policy: i.not_applicable }) : '') },
    ], rubric.items),
    h('p', null, t('rubric.flags'), ': ', rubric.flags.map((f) => pick(f)).join(', ')));
}

function newVersionForm(latest: Rubric, context: PageContext): HTMLElement {
  const { version: _version, ...rest } = latest;
  const text = h('textarea', { name: 'rubric-json', rows: 18, class: 'code', spellcheck: 'false', 'data-field': 'rubric' });
  text.value = JSON.stringify(rest, null, 2);
  const messages = h('div', { 'aria-live': 'polite' });
  const form: HTMLFormElement = h('form', { novalidate: true, onsubmit: async (e: Event) => {
    e.preventDefault();
    messages.replaceChildren();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.value);
    } catch (error) {
      messages.append(errorBox(new Error(`${t('rubric.badJson')} ${error instanceof Error ? error.message : ''}`)));
      text.focus();
      return;
    }
    try {
      const saved = await api.post<Rubric>('/api/rubrics', parsed);
      messages.append(h('p', { class: 'success', role: 'status' }, t('rubric.saved', { version: saved?.version ?? '' })));
      announce(t('rubric.saved', { version: saved?.version ?? '' }));
      window.setTimeout(() => context.setQuery({ code: latest.code, saved: String(Date.now()) }), 1200);
    } catch (error) {
      messages.append(showFormErrors(form, error));
    }
  } }, h('p', { class: 'hint' }, t('rubric.newVersionHint')), field(t('rubric.json'), text), h('button', { type: 'submit', class: 'primary' }, t('rubric.saveVersion')), messages);
  return form;
}

// ---- scenarios and monitors ----

interface Scenario { code: string; department_code: string; channel: string; title: string; script?: string; abusive?: boolean }

export async function renderScenarios(context: PageContext): Promise<void> {
  if (context.user.role === 'admin') context.root.append(section(t('import.scenarios'), importForm('scenarios', context)));
  const [result, departments] = await Promise.all([api.get<List<Scenario>>('/api/scenarios'), departmentNames()]);
  const channel = context.query.get('channel') ?? '';
  const rows = itemsOf(result).filter((s) => !channel || s.channel === channel);
  context.root.append(h('div', { class: 'toolbar' }, field(t('evaluation.channel'), h('select', { name: 'channel', onchange: (e: Event) => context.setQuery({ channel: (e.target as HTMLSelectElement).value || null }) },
    h('option', { value: '' }, t('common.all')), ['phone', 'visit'].map((c) => h('option', { value: c, selected: c === channel }, channelLabel(c)))))));
  context.root.append(h('p', { class: 'lead' }, t('common.total', { n: rows.length })), dataTable(t('scenario.table'), [
    { header: t('scenario.code'), rowHeader: true, cell: (s: Scenario) => bdi(s.code) },
    { header: t('score.department'), cell: (s) => (s.department_code === '*' ? t('scenario.general') : bdi(departments.get(s.department_code)?.name ?? s.department_code)) },
    { header: t('evaluation.channel'), cell: (s) => channelLabel(s.channel) },
    { header: t('scenario.title'), cell: (s) => (s.script ? h('details', null, h('summary', null, bdi(s.title)), h('p', { class: 'pre' }, bdi(s.script))) : bdi(s.title)) },
  ], rows));
}

interface Monitor { code: string; name?: string; gender?: string; age_band?: string; phone_per_day?: number; visit_per_day?: number; available_from?: string | null; available_to?: string | null; active?: boolean }

export async function renderMonitors(context: PageContext): Promise<void> {
  context.root.append(h('p', { class: 'notice', role: 'note' }, t('monitors.audited')));
  context.root.append(section(t('import.monitors'), importForm('monitors', context)));
  const result = await api.get<List<Monitor>>('/api/monitors');
  context.root.append(dataTable(t('monitors.table'), [
    { header: t('monitors.code'), rowHeader: true, cell: (m: Monitor) => m.code },
    { header: t('org.name'), cell: (m) => (m.name ? bdi(m.name) : '') },
    { header: t('monitors.profile'), cell: (m) => [m.gender, m.age_band].filter((part): part is string => Boolean(part)).map(isolate).join(' · ') },
    { header: t('monitors.capacity'), cell: (m) => t('monitors.perDay', { phone: m.phone_per_day ?? 0, visit: m.visit_per_day ?? 0 }) },
    { header: t('monitors.available'), cell: (m) => `${formatDate(m.available_from)} – ${formatDate(m.available_to)}` },
    { header: t('users.state'), cell: (m) => (m.active === false ? badge(t('users.inactive'), 'bad') : badge(t('users.active'), 'ok')) },
  ], itemsOf(result)));
}

// ---- users and roles ----

interface UserRow { login: string; role: Role; display_name?: string; employee_no?: string; department_code?: string; monitor_code?: string; active?: boolean; caseload?: string[] }
const ROLES: Role[] = ['admin', 'monitor', 'reviewer', 'coach', 'department_head', 'employee', 'auditor'];

export async function renderUsers(context: PageContext): Promise<void> {
  const role = context.query.get('role') ?? '';
  const all = itemsOf(await api.get<List<UserRow>>('/api/users'));
  const rows = all.filter((u) => !role || u.role === role);
  const roleFilter = h('select', { name: 'role', onchange: (e: Event) => context.setQuery({ role: (e.target as HTMLSelectElement).value || null }) },
    h('option', { value: '' }, t('common.all')), ROLES.map((r) => h('option', { value: r, selected: r === role }, t(`role.${r}` as MessageKey))));
  const status = h('div', { 'aria-live': 'polite' });
  context.root.append(h('div', { class: 'toolbar' }, field(t('users.roleFilter'), roleFilter)), status);
  const patch = async (user: UserRow, change: Record<string, unknown>, done: MessageKey): Promise<void> => {
    status.replaceChildren();
    try {
      await api.request('PATCH', `/api/users/${encodeURIComponent(user.login)}`, { body: change });
      status.append(h('p', { class: 'success', role: 'status' }, t(done, { login: user.login })));
      window.setTimeout(() => context.setQuery({ changed: String(Date.now()) }), 1200);
    } catch (error) {
      status.append(errorBox(error));
    }
  };
  context.root.append(h('p', { class: 'lead' }, t('common.total', { n: rows.length })), dataTable(t('users.table'), [
    { header: t('account.login'), rowHeader: true, cell: (u: UserRow) => bdi(u.login) },
    { header: t('account.name'), cell: (u) => (u.display_name ? bdi(u.display_name) : '') },
    { header: t('account.role'), cell: (u) => t(`role.${u.role}` as MessageKey) },
    { header: t('users.scope'), cell: (u) => bdi(u.employee_no ?? u.department_code ?? u.monitor_code ?? '') },
    { header: t('users.state'), cell: (u) => (u.active === false ? badge(t('users.inactive'), 'bad') : badge(t('users.active'), 'ok')) },
    {
      header: t('campaign.actions'),
      cell: (u) => h('span', { class: 'actions' },
        h('button', { type: 'button', onclick: () => patch(u, { active: u.active === false }, u.active === false ? 'users.activated' : 'users.deactivated') },
          u.active === false ? t('users.activate') : t('users.deactivate'), h('span', { class: 'visually-hidden' }, ` ${isolate(u.login)}`)),
        u.role === 'coach' ? caseloadEditor(u, (list) => patch(u, { caseload: list }, 'users.caseloadSaved')) : null),
    },
  ], rows));

  const login = h('input', { type: 'text', name: 'login', 'data-field': 'login', autocomplete: 'off', autocapitalize: 'none' });
  const displayName = h('input', { type: 'text', name: 'display_name', 'data-field': 'display_name', autocomplete: 'off' });
  const password = h('input', { type: 'password', name: 'password', 'data-field': 'password', autocomplete: 'new-password' });
  const roleSelect = h('select', { name: 'new-role', 'data-field': 'role' }, ROLES.map((r) => h('option', { value: r }, t(`role.${r}` as MessageKey))));
  const scope = h('input', { type: 'text', name: 'scope', 'data-field': 'scope' });
  const messages = h('div', { 'aria-live': 'polite' });
  const form: HTMLFormElement = h('form', { class: 'grid-form', novalidate: true, onsubmit: async (e: Event) => {
    e.preventDefault();
    messages.replaceChildren();
    const chosen = roleSelect.value as Role;
    const scopeField = chosen === 'employee' ? 'employee_no' : chosen === 'department_head' ? 'department_code' : chosen === 'monitor' ? 'monitor_code' : null;
    scope.setAttribute('data-field', scopeField ?? 'scope');
    try {
      await api.post('/api/users', {
        login: login.value.trim(), password: password.value, role: chosen,
        ...(displayName.value.trim() ? { display_name: displayName.value.trim() } : {}),
        ...(scopeField && scope.value.trim() ? { [scopeField]: scope.value.trim() } : {}),
      });
      messages.append(h('p', { class: 'success', role: 'status' }, t('users.created', { login: login.value.trim() })));
      window.setTimeout(() => context.setQuery({ created: login.value.trim() }), 1200);
    } catch (error) {
      messages.append(showFormErrors(form, error));
    }
  } },
    field(t('account.login'), login), field(t('account.name'), displayName), field(t('signin.password'), password), field(t('account.role'), roleSelect),
    field(t('users.scopeLabel'), scope, t('users.scopeHint')),
    h('button', { type: 'submit', class: 'primary' }, t('users.create')), messages);
  context.root.append(section(t('users.add'), form));
}

// A coach's caseload as employee numbers separated by commas or spaces.
function caseloadEditor(user: UserRow, save: (list: string[]) => Promise<void>): HTMLElement {
  const input = h('textarea', { name: `caseload-${user.login}`, rows: 2, 'data-field': 'caseload' });
  input.value = (user.caseload ?? []).join(', ');
  return h('details', { class: 'caseload' }, h('summary', null, t('users.caseload', { n: user.caseload?.length ?? 0 })),
    field(t('users.caseloadLabel', { login: user.login }), input, t('users.caseloadHint')),
    h('button', { type: 'button', onclick: () => save(input.value.split(/[\s,]+/).map((v) => v.trim()).filter(Boolean)) }, t('users.caseloadSave')));
}
