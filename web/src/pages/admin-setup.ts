// Admin set-up and operation pages: campaigns (release of results), the plan as a calendar,
// objections, organisation and roster import, rubrics, scenarios, monitors, users and roles.
import { api, ApiError, itemsOf, request } from '../api';
import { announce, h, replace } from '../dom';
import { formatDate, formatDateTime, formatMonth, formatNumber, pick, t } from '../i18n';
import type { MessageKey } from '../messages/ko';
import { rubrics } from '../components/evaluation-view';
import {
  badge, campaignPicker, campaigns, channelLabel, chooseCampaign, dataTable, definitionList, empty, errorBox, field,
  forgetCampaigns, pager, section, showFormErrors,
} from '../components/ui';
import type { PageContext } from '../routes';
import type { Assignment, Campaign, Job, Objection, Page, Role, Rubric } from '../types';

// ---- campaigns ----

export async function renderCampaigns(context: PageContext): Promise<void> {
  forgetCampaigns();
  const list = await campaigns();
  if (list.length === 0) {
    context.root.append(empty('campaign.none'));
    return;
  }
  const released = (c: Campaign): boolean => Boolean(c.results_released ?? c.released_at);
  context.root.append(dataTable(t('campaign.table'), [
    { header: t('campaign.code'), rowHeader: true, cell: (c: Campaign) => c.code },
    { header: t('campaign.name'), cell: (c) => c.name },
    { header: t('campaign.window'), cell: (c) => `${formatDate(c.start)} – ${formatDate(c.end)}` },
    { header: t('campaign.rounds'), numeric: true, cell: (c) => formatNumber(c.rounds ?? null, 0) },
    { header: t('campaign.results'), cell: (c) => (released(c) ? badge(t('campaign.released'), 'ok') : badge(t('campaign.notReleased'))) },
    { header: t('campaign.actions'), cell: (c) => h('span', { class: 'actions' },
      h('a', { href: `#/campaigns/${encodeURIComponent(c.code)}/plan` }, t('campaign.plan')),
      released(c) ? null : h('button', { type: 'button', onclick: async (e: Event) => {
        if (!window.confirm(t('campaign.releaseConfirm', { name: c.name }))) return;
        const button = e.target as HTMLButtonElement;
        button.disabled = true;
        try {
          await api.post(`/api/campaigns/${encodeURIComponent(c.code)}/results-release`);
          announce(t('campaign.releasedNow'));
          context.navigate('/campaigns?released=' + encodeURIComponent(c.code));
        } catch (error) {
          button.insertAdjacentElement('afterend', errorBox(error));
          button.disabled = false;
        }
      } }, t('campaign.release'))) },
  ], list));
}

// ---- plan calendar ----

export async function renderPlan(context: PageContext): Promise<void> {
  const code = context.params.code ?? '';
  context.setTitle(t('plan.titleFor', { code }));
  context.root.append(h('p', { class: 'notice', role: 'note' }, t('plan.audited')));
  const plan = await api.get<Page<Assignment> | Assignment[] | { assignments: Assignment[] }>(`/api/campaigns/${encodeURIComponent(code)}/plan`, { page_size: 5000 });
  const assignments = 'assignments' in plan ? plan.assignments : itemsOf(plan as Page<Assignment>);
  if (assignments.length === 0) {
    context.root.append(empty('plan.empty'));
    return;
  }
  const dateOf = (a: Assignment): string => (a.due_date ?? a.planned_at ?? a.window_start ?? '').slice(0, 10);
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

  context.root.append(h('p', { class: 'lead' }, t('plan.summary', { n: assignments.length, days: days.length })));
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
    context.root.append(section(t('plan.dayTitle', { date: formatDate(selectedDay) }), dataTable(t('plan.dayTable'), [
      { header: t('plan.time'), rowHeader: true, cell: (a: Assignment) => (a.planned_at ?? a.window_start ?? '').slice(11, 16) || '–' },
      { header: t('evaluation.channel'), cell: (a) => channelLabel(a.channel) },
      { header: t('evaluation.department'), cell: (a) => a.department_name ?? a.department_code ?? '–' },
      { header: t('evaluation.employee'), cell: (a) => a.employee_name ?? a.employee_no ?? '–' },
      { header: t('evaluation.monitor'), cell: (a) => String(a.monitor_name ?? a.monitor_code ?? '–') },
      { header: t('evaluation.scenario'), cell: (a) => a.scenario_title ?? a.scenario_code ?? '–' },
      { header: t('evaluation.state'), cell: (a) => String(a.state ?? a.evaluation_state ?? '–') },
    ], byDay.get(selectedDay) ?? [])));
  }
}

// ---- objections ----

export async function renderObjections(context: PageContext): Promise<void> {
  const page = Number(context.query.get('page') ?? '1') || 1;
  const result = await api.get<Page<Objection>>('/api/objections', { page, page_size: 50 });
  if (result.items.length === 0) {
    context.root.append(empty('objection.none'));
    return;
  }
  context.root.append(h('ul', { class: 'cards' }, result.items.map((o) => {
    const reason = h('textarea', { name: `decision-reason-${o.id}`, rows: 2, 'data-field': 'reason' });
    const messages = h('div', { 'aria-live': 'polite' });
    const decide = async (decision: 'uphold' | 'reject'): Promise<void> => {
      messages.replaceChildren();
      if (!reason.value.trim()) {
        messages.append(showFormErrors(card, new ApiError(422, 'invalid_argument', t('objection.reasonRequired'), [{ field: 'reason', message: t('objection.reasonRequired') }])));
        reason.focus();
        return;
      }
      try {
        await api.post(`/api/objections/${o.id}/decision`, { decision, reason: reason.value.trim() });
        messages.append(h('p', { class: 'success', role: 'status' }, t(decision === 'uphold' ? 'objection.upheld' : 'objection.rejected')));
        card.querySelectorAll('button').forEach((b) => { b.disabled = true; });
      } catch (error) {
        messages.append(showFormErrors(card, error));
      }
    };
    const pending = !o.decision;
    const card = h('li', { class: 'card' },
      h('h2', null, t('objection.on', { id: o.evaluation_id, name: o.employee_name ?? o.employee_no ?? '' })),
      definitionList([
        [t('objection.filed'), formatDateTime(o.filed_at)],
        [t('objection.reason'), o.reason],
        [t('objection.state'), o.decision ? `${o.decision}${o.decision_reason ? ` — ${o.decision_reason}` : ''}` : t('objection.pending')],
      ]),
      h('p', null, h('a', { href: `#/review/${o.evaluation_id}` }, t('objection.viewEvaluation'))),
      pending ? [field(t('objection.decisionReason'), reason), h('div', { class: 'form-actions' },
        h('button', { type: 'button', onclick: () => decide('uphold') }, t('objection.uphold')),
        h('button', { type: 'button', onclick: () => decide('reject') }, t('objection.reject')))] : null,
      messages);
    return card;
  })), pager(result, (p) => context.setQuery({ page: p })));
}

// ---- organisation and imports ----

interface Department { code?: string; department_code?: string; name?: string; group?: string; counter?: boolean; employees?: number }
interface Employee { employee_no: string; name?: string; department_code?: string; department_name?: string; position?: string; counter?: boolean | number; active?: boolean }

export async function renderOrganisation(context: PageContext): Promise<void> {
  context.root.append(section(t('org.import'), importForm('roster', context)));
  const [departments, employees] = await Promise.all([
    api.get<Page<Department>>('/api/departments', { page_size: 500 }),
    api.get<Page<Employee>>('/api/employees', { page: Number(context.query.get('page') ?? '1') || 1, page_size: 50, department: context.query.get('department') }),
  ]);
  const deptList = itemsOf(departments);
  const groups = new Map<string, number>();
  for (const d of deptList) groups.set(d.group ?? '', (groups.get(d.group ?? '') ?? 0) + 1);
  context.root.append(section(t('org.departments'),
    h('p', null, t('org.summary', { departments: deptList.length, employees: employees.total })),
    dataTable(t('org.departmentsTable'), [
      { header: t('org.code'), rowHeader: true, cell: (d: Department) => d.code ?? d.department_code ?? '' },
      { header: t('org.name'), cell: (d) => h('a', { href: `#/organisation?department=${encodeURIComponent(d.code ?? d.department_code ?? '')}` }, d.name ?? '') },
      { header: t('dash.group'), cell: (d) => (d.group ? t(`group.${d.group}` as MessageKey) : '–') },
      { header: t('org.counter'), cell: (d) => (d.counter ? t('form.yes') : t('form.no')) },
      { header: t('org.employees'), numeric: true, cell: (d) => formatNumber(d.employees ?? null, 0) },
    ], deptList)));
  context.root.append(section(t('org.employees'),
    dataTable(t('org.employeesTable'), [
      { header: t('org.employeeNo'), rowHeader: true, cell: (e: Employee) => e.employee_no },
      { header: t('org.name'), cell: (e) => e.name ?? '' },
      { header: t('score.department'), cell: (e) => e.department_name ?? e.department_code ?? '' },
      { header: t('org.position'), cell: (e) => e.position ?? '' },
      { header: t('org.counter'), cell: (e) => (e.counter ? t('form.yes') : t('form.no')) },
    ], employees.items),
    pager(employees, (p) => context.setQuery({ page: p }))));
}

type ImportKind = 'roster' | 'monitors' | 'scenarios' | 'evaluations';

function importForm(kind: ImportKind, context: PageContext): HTMLElement {
  const file = h('input', { type: 'file', name: `${kind}-file`, accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'data-field': 'file' });
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
      const started = await request<Job>('POST', `/api/imports/${kind}`, { raw: chosen, contentType: type });
      const job = await waitForJob(started, (j) => replace(report, h('p', { role: 'status' }, t('import.progress', { n: Math.round((j.progress ?? 0) * 100) }))));
      replace(report, importReport(job));
      if (job.state === 'done' || job.state === 'succeeded') window.setTimeout(() => context.setQuery({ imported: String(Date.now()) }), 1500);
    } catch (error) {
      replace(report, importErrorReport(error));
    }
  } }, field(t(`import.${kind}` as MessageKey), file, t('import.hint')), h('button', { type: 'submit', class: 'primary' }, t('import.submit')), report);
  return form;
}

async function waitForJob(job: Job, progress: (job: Job) => void): Promise<Job> {
  let current = job;
  for (let i = 0; i < 600 && !['done', 'succeeded', 'failed', 'error'].includes(current.state); i += 1) {
    progress(current);
    await new Promise((resolve) => window.setTimeout(resolve, 500));
    current = await api.get<Job>(`/api/jobs/${encodeURIComponent(String(current.id))}`);
  }
  return current;
}

function errorsTable(errors: NonNullable<Job['errors']>): HTMLElement {
  return dataTable(t('import.errorsTable'), [
    { header: t('import.line'), numeric: true, rowHeader: true, cell: (e: NonNullable<Job['errors']>[number]) => String(e.line ?? e.row ?? '–') },
    { header: t('import.column'), cell: (e) => String(e.column ?? e.field ?? '–') },
    { header: t('import.message'), cell: (e) => e.message },
  ], errors);
}

function importReport(job: Job): HTMLElement {
  if (job.state === 'failed' || job.state === 'error') {
    return h('div', { class: 'error', role: 'alert' }, h('p', null, h('strong', null, t('import.failed')), ' ', job.message ?? ''),
      h('p', null, t('import.nothingChanged')), job.errors?.length ? errorsTable(job.errors) : null);
  }
  const counts = Object.entries(job.result ?? {}).filter(([, v]) => typeof v === 'number') as [string, number][];
  return h('div', { class: 'success', role: 'status' }, h('p', null, h('strong', null, t('import.done'))),
    counts.length ? definitionList(counts.map(([k, v]) => [k, formatNumber(v, 0)])) : null);
}

// A synchronous rejection names fields such as "roster.csv:12:department_code"; show them as rows.
function importErrorReport(error: unknown): HTMLElement {
  if (error instanceof ApiError && error.fields.length) {
    const rows = error.fields.map((f) => {
      const match = /(?:^|:)(\d+)(?::([^:]+))?$/.exec(f.field) ?? /line[ /](\d+)(?:.*?column[ /]([^ /]+))?/i.exec(f.field);
      return { line: match ? Number(match[1]) : undefined, column: match?.[2] ?? f.field, message: f.message };
    });
    return h('div', { class: 'error', role: 'alert' }, h('p', null, h('strong', null, t('import.failed')), ' ', error.message),
      h('p', null, t('import.nothingChanged')), errorsTable(rows));
  }
  return errorBox(error);
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

interface Scenario { scenario_code?: string; code?: string; department_code?: string; channel?: string; title?: string; script?: string }

export async function renderScenarios(context: PageContext): Promise<void> {
  if (context.user.role === 'admin') context.root.append(section(t('import.scenarios'), importForm('scenarios', context)));
  const page = Number(context.query.get('page') ?? '1') || 1;
  const result = await api.get<Page<Scenario>>('/api/scenarios', { page, page_size: 50 });
  context.root.append(dataTable(t('scenario.table'), [
    { header: t('scenario.code'), rowHeader: true, cell: (s: Scenario) => s.scenario_code ?? s.code ?? '' },
    { header: t('score.department'), cell: (s) => (s.department_code === '*' ? t('scenario.general') : s.department_code ?? '') },
    { header: t('evaluation.channel'), cell: (s) => channelLabel(s.channel ?? 'phone') },
    { header: t('scenario.title'), cell: (s) => (s.script ? h('details', null, h('summary', null, s.title ?? ''), h('p', null, s.script)) : s.title ?? '') },
  ], result.items), pager(result, (p) => context.setQuery({ page: p })));
}

interface Monitor { monitor_code: string; name?: string; gender?: string; age_band?: string; phone?: string; phone_per_day?: number; visit_per_day?: number; available_from?: string; available_to?: string; active?: boolean }

export async function renderMonitors(context: PageContext): Promise<void> {
  context.root.append(h('p', { class: 'notice', role: 'note' }, t('monitors.audited')));
  context.root.append(section(t('import.monitors'), importForm('monitors', context)));
  const result = await api.get<Page<Monitor>>('/api/monitors', { page_size: 500 });
  context.root.append(dataTable(t('monitors.table'), [
    { header: t('monitors.code'), rowHeader: true, cell: (m: Monitor) => m.monitor_code },
    { header: t('org.name'), cell: (m) => m.name ?? '' },
    { header: t('monitors.profile'), cell: (m) => [m.gender, m.age_band].filter(Boolean).join(' · ') },
    { header: t('monitors.capacity'), cell: (m) => t('monitors.perDay', { phone: m.phone_per_day ?? 0, visit: m.visit_per_day ?? 0 }) },
    { header: t('monitors.available'), cell: (m) => `${formatDate(m.available_from)} – ${formatDate(m.available_to)}` },
  ], itemsOf(result)));
}

// ---- users and roles ----

interface UserRow { login: string; role: Role; display_name?: string; employee_no?: string; department_code?: string; monitor_code?: string; active?: boolean; last_sign_in?: string }
const ROLES: Role[] = ['admin', 'monitor', 'reviewer', 'coach', 'department_head', 'employee', 'auditor'];

export async function renderUsers(context: PageContext): Promise<void> {
  const page = Number(context.query.get('page') ?? '1') || 1;
  const role = context.query.get('role') ?? '';
  const result = await api.get<Page<UserRow>>('/api/users', { page, page_size: 50, role: role || null });
  const roleFilter = h('select', { name: 'role', onchange: (e: Event) => context.setQuery({ role: (e.target as HTMLSelectElement).value || null, page: null }) },
    h('option', { value: '' }, t('common.all')), ROLES.map((r) => h('option', { value: r, selected: r === role }, t(`role.${r}` as MessageKey))));
  context.root.append(h('div', { class: 'toolbar' }, field(t('users.roleFilter'), roleFilter)));
  context.root.append(dataTable(t('users.table'), [
    { header: t('account.login'), rowHeader: true, cell: (u: UserRow) => u.login },
    { header: t('account.name'), cell: (u) => u.display_name ?? '' },
    { header: t('account.role'), cell: (u) => t(`role.${u.role}` as MessageKey) },
    { header: t('users.scope'), cell: (u) => u.employee_no ?? u.department_code ?? u.monitor_code ?? '' },
    { header: t('users.lastSignIn'), cell: (u) => formatDateTime(u.last_sign_in) },
  ], result.items), pager(result, (p) => context.setQuery({ page: p })));

  const login = h('input', { type: 'text', name: 'login', 'data-field': 'login', autocomplete: 'off', autocapitalize: 'none' });
  const password = h('input', { type: 'password', name: 'password', 'data-field': 'password', autocomplete: 'new-password' });
  const roleSelect = h('select', { name: 'new-role', 'data-field': 'role' }, ROLES.map((r) => h('option', { value: r }, t(`role.${r}` as MessageKey))));
  const scope = h('input', { type: 'text', name: 'scope', 'data-field': 'scope' });
  const messages = h('div', { 'aria-live': 'polite' });
  const form: HTMLFormElement = h('form', { class: 'grid-form', novalidate: true, onsubmit: async (e: Event) => {
    e.preventDefault();
    messages.replaceChildren();
    const chosen = roleSelect.value as Role;
    const scopeField = chosen === 'employee' || chosen === 'coach' ? 'employee_no' : chosen === 'department_head' ? 'department_code' : chosen === 'monitor' ? 'monitor_code' : null;
    scope.setAttribute('data-field', scopeField ?? 'scope');
    try {
      await api.post('/api/users', { login: login.value.trim(), password: password.value, role: chosen, ...(scopeField && scope.value.trim() ? { [scopeField]: scope.value.trim() } : {}) });
      messages.append(h('p', { class: 'success', role: 'status' }, t('users.created', { login: login.value.trim() })));
      window.setTimeout(() => context.setQuery({ created: login.value.trim() }), 1200);
    } catch (error) {
      messages.append(showFormErrors(form, error));
    }
  } },
    field(t('account.login'), login), field(t('signin.password'), password), field(t('account.role'), roleSelect),
    field(t('users.scopeLabel'), scope, t('users.scopeHint')),
    h('button', { type: 'submit', class: 'primary' }, t('users.create')), messages);
  context.root.append(section(t('users.add'), form));
}
