// Training (docs/coaching.md): the admin records sessions with their attendance, reads who has
// been trained in each department, looks up one employee's training and reads the measured
// effect of training.
import { api, ApiError, itemsOf } from '../api';
import { announce, bdi, h } from '../dom';
import { isolate } from '../bidi';
import { formatDate, formatNumber, formatPercent, pick, t } from '../i18n';
import { chartFigure, palette } from '../components/chart';
import { rubrics } from '../components/evaluation-view';
import { campaignPicker, campaigns, chooseCampaign, dataTable, definitionList, empty, field, section, showFormErrors } from '../components/ui';
import { effectView } from './coaching';
import type { PageContext } from '../routes';
import type { List, Rubric, TrainingCompletion, TrainingCompletionRow, TrainingHistory, TrainingSession } from '../types';

function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

// Employee numbers typed or pasted one a line (commas, spaces and tabs separate them too).
export function parseEmployeeNumbers(text: string): string[] {
  return text.split(/[\s,;]+/).map((part) => part.trim()).filter(Boolean);
}

// The items a session may target, once each: the latest version of each rubric, by rubric.
export function rubricChoices(list: Rubric[]): { rubric: Rubric; items: Rubric['items'] }[] {
  const latest = new Map<string, Rubric>();
  for (const rubric of list) {
    const known = latest.get(rubric.code);
    if (!known || known.version < rubric.version) latest.set(rubric.code, rubric);
  }
  const seen = new Set<string>();
  const groups: { rubric: Rubric; items: Rubric['items'] }[] = [];
  for (const rubric of [...latest.values()].sort((a, b) => a.code.localeCompare(b.code))) {
    const items = rubric.items.filter((item) => !seen.has(item.id));
    items.forEach((item) => seen.add(item.id));
    if (items.length) groups.push({ rubric, items });
  }
  return groups;
}

// Newest first: the session just held is the one the admin looks for.
export function newestFirst(sessions: TrainingSession[]): TrainingSession[] {
  return [...sessions].sort((a, b) => b.date.localeCompare(a.date) || a.code.localeCompare(b.code));
}

function itemList(session: TrainingSession): HTMLElement | string {
  if (session.items.length === 0) return t('common.none');
  return h('ul', { class: 'plain-list' }, session.items.map((item) => h('li', null, pick(item.name))));
}

function sessionsTable(sessions: TrainingSession[], caption: string): HTMLElement {
  return dataTable(caption, [
    { header: t('training.date'), cell: (s: TrainingSession) => formatDate(s.date) },
    { header: t('training.code'), rowHeader: true, cell: (s) => bdi(s.code) },
    { header: t('training.topic'), cell: (s) => bdi(s.topic) },
    { header: t('training.instructor'), cell: (s) => (s.instructor ? bdi(s.instructor) : '–') },
    { header: t('training.items'), cell: (s) => itemList(s) },
    { header: t('training.attendees'), numeric: true, cell: (s) => formatNumber(s.attendees, 0) },
  ], newestFirst(sessions));
}

export async function render(context: PageContext): Promise<void> {
  const [sessions, completion, rubricList] = await Promise.all([
    api.get<List<TrainingSession>>('/api/training').then((list) => itemsOf<TrainingSession>(list)),
    api.get<TrainingCompletion>('/api/training/completion'),
    rubrics(),
  ]);
  const list = h('div', { 'aria-live': 'polite' });
  const completionBox = h('div');
  let current = sessions;
  const drawSessions = (): void => {
    list.replaceChildren(h('p', { class: 'lead' }, t('training.sessionsIntro', { n: current.length })), sessionsTable(current, t('training.sessionsTable')));
  };
  const drawCompletion = (report: TrainingCompletion): void => {
    completionBox.replaceChildren(...completionView(report));
  };
  drawSessions();
  drawCompletion(completion);
  const saved = async (session: TrainingSession): Promise<void> => {
    current = [...current.filter((s) => s.code !== session.code), session];
    drawSessions();
    try {
      drawCompletion(await api.get<TrainingCompletion>('/api/training/completion'));
    } catch {
      // The sessions are saved; completion shows again on the next visit.
    }
  };
  context.root.append(
    section(t('training.sessionsTitle'), list),
    section(t('training.newTitle'), sessionForm(rubricList, saved)),
    section(t('training.completionTitle'), h('p', { class: 'hint' }, t('training.completionHint')), completionBox),
    section(t('training.historyTitle'), historyLookup()),
    await effectSection(context),
  );
}

// ---- recording a session ----

function sessionForm(rubricList: Rubric[], saved: (session: TrainingSession) => Promise<void>): HTMLElement {
  const code = h('input', { type: 'text', name: 'code', maxlength: 40, required: true, autocomplete: 'off', 'data-field': 'code' });
  const date = h('input', { type: 'date', name: 'date', value: todayIso(), required: true, 'data-field': 'date' });
  const topic = h('input', { type: 'text', name: 'topic', maxlength: 200, required: true, 'data-field': 'topic' });
  const instructor = h('input', { type: 'text', name: 'instructor', maxlength: 100, 'data-field': 'instructor' });
  const attendees = h('textarea', { name: 'attendees', rows: 6, required: true, spellcheck: false, 'data-field': 'attendees' });
  const groups = rubricChoices(rubricList);
  const boxes: HTMLInputElement[] = [];
  const itemsField = h('fieldset', { class: 'training-items', 'data-field': 'items' },
    h('legend', null, t('training.items')),
    h('p', { class: 'hint' }, t('training.itemsHint')),
    groups.length === 0 ? empty() : groups.map(({ rubric, items }) => h('div', { class: 'choice-group' },
      h('p', { class: 'choice-group-title' }, pick(rubric, 'name')),
      items.map((item) => {
        const box = h('input', { type: 'checkbox', name: 'items', value: item.id });
        boxes.push(box);
        return h('label', { class: 'choice touch-row' }, box, pick(item));
      }))));
  const messages = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary touch' }, t('training.save'));
  const form: HTMLFormElement = h('form', { class: 'training-form', novalidate: true, onsubmit: async (event: Event) => {
    event.preventDefault();
    messages.replaceChildren();
    const numbers = parseEmployeeNumbers(attendees.value);
    const body = {
      code: code.value.trim(),
      date: date.value,
      topic: topic.value.trim(),
      instructor: instructor.value.trim(),
      items: boxes.filter((box) => box.checked).map((box) => box.value),
      attendees: numbers,
    };
    submit.disabled = true;
    try {
      const session = await api.post<TrainingSession>('/api/training', body);
      form.reset();
      date.value = todayIso();
      const done = t('training.saved', { code: isolate(session.code), n: session.attendees });
      messages.append(h('p', { class: 'success', role: 'status' }, done));
      announce(done);
      await saved(session);
    } catch (error) {
      messages.append(showFormErrors(form, error));
      if (error instanceof ApiError) markAttendees(attendees, numbers, error);
    } finally {
      submit.disabled = false;
    }
  } },
  h('p', { class: 'hint' }, t('training.formHint')),
  h('div', { class: 'grid-fields' },
    field(t('training.code'), code, t('training.codeHint')),
    field(t('training.date'), date),
    field(t('training.topic'), topic),
    field(t('training.instructor'), instructor)),
  itemsField,
  field(t('training.attendeesLabel'), attendees, t('training.attendeesHint')),
  messages,
  h('div', { class: 'form-actions' }, submit));
  return form;
}

// The server names attendees by position (attendees/3): the textarea says which numbers.
function markAttendees(textarea: HTMLTextAreaElement, numbers: string[], error: ApiError): void {
  const bad = error.fields
    .map((f) => /^attendees\/(\d+)$/.exec(f.field)?.[1])
    .filter((index): index is string => index !== undefined)
    .map((index) => numbers[Number(index)] ?? '')
    .filter(Boolean);
  if (bad.length === 0) return;
  textarea.setAttribute('aria-invalid', 'true');
  const note = h('p', { class: 'field-error', id: `${textarea.id}-bad` }, t('training.badAttendees'), ' ', bdi([...new Set(bad)].join(', ')));
  textarea.insertAdjacentElement('afterend', note);
  const described = textarea.getAttribute('aria-describedby');
  textarea.setAttribute('aria-describedby', described ? `${described} ${note.id}` : note.id);
}

// ---- completion by department ----

export function byShare(rows: TrainingCompletionRow[]): TrainingCompletionRow[] {
  return [...rows].filter((r) => r.employees > 0)
    .sort((a, b) => b.share - a.share || b.trained - a.trained || a.department_code.localeCompare(b.department_code));
}

function departmentName(row: TrainingCompletionRow): string {
  return row.department_name || row.department_code;
}

function completionView(report: TrainingCompletion): HTMLElement[] {
  const total = definitionList([
    [t('training.employees'), formatNumber(report.total.employees, 0)],
    [t('training.trained'), formatNumber(report.total.trained, 0)],
    [t('training.share'), formatPercent(report.total.share)],
  ]);
  const rows = byShare(report.items);
  if (rows.length === 0) return [total, empty()];
  const table = dataTable(t('training.completionTable'), [
    { header: t('training.department'), rowHeader: true, cell: (r: TrainingCompletionRow) => bdi(departmentName(r)) },
    { header: t('training.employees'), numeric: true, cell: (r) => formatNumber(r.employees, 0) },
    { header: t('training.trained'), numeric: true, cell: (r) => formatNumber(r.trained, 0) },
    { header: t('training.share'), numeric: true, cell: (r) => formatPercent(r.share) },
  ], rows);
  const best = rows[0]!;
  const worst = rows[rows.length - 1]!;
  // Highest share at the top: ECharts draws a category axis from the bottom up.
  const drawn = [...rows].reverse();
  return [total, chartFigure({
    title: t('training.completionChart'),
    summary: t('training.completionSummary', {
      total: formatPercent(report.total.share), n: rows.length,
      best: isolate(departmentName(best)), bestShare: formatPercent(best.share),
      worst: isolate(departmentName(worst)), worstShare: formatPercent(worst.share),
    }),
    table,
    height: Math.max(200, rows.length * 22 + 60),
    option: {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 48, top: 16, bottom: 32, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, name: t('training.shareAxis'), nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'category', data: drawn.map(departmentName), axisLabel: { width: 160, overflow: 'truncate' } },
      series: [{ type: 'bar', name: t('training.share'), data: drawn.map((r) => Math.round(r.share * 1000) / 10), itemStyle: { color: palette[0] }, label: { show: true, position: 'right', formatter: '{c}%' } }],
    },
  })];
}

// ---- one employee's training ----

function historyLookup(): HTMLElement {
  const number = h('input', { type: 'text', name: 'employee_no', required: true, autocomplete: 'off', 'data-field': 'employee_no' });
  const result = h('div', { 'aria-live': 'polite' });
  const form: HTMLFormElement = h('form', { class: 'inline-form', novalidate: true, onsubmit: async (event: Event) => {
    event.preventDefault();
    result.replaceChildren();
    const wanted = number.value.trim();
    if (!wanted) return;
    try {
      const history = await api.get<TrainingHistory>('/api/training/history', { employee_no: wanted });
      result.append(
        h('p', { class: 'lead' }, t('training.historyOf', { name: isolate(history.employee_name), no: isolate(history.employee_no), n: history.items.length })),
        history.items.length ? sessionsTable(history.items, t('training.historyTable')) : empty('training.noHistory'));
    } catch (error) {
      result.append(showFormErrors(form, error));
    }
  } },
  field(t('training.employeeNo'), number),
  h('button', { type: 'submit', class: 'touch' }, t('training.showHistory')));
  return h('div', null, form, result);
}

// ---- the effect of training (the model's estimate, as on the coaching page) ----

async function effectSection(context: PageContext): Promise<HTMLElement> {
  const [list, campaign] = await Promise.all([campaigns(), chooseCampaign(context.query)]);
  return section(t('training.effectTitle'), h('p', { class: 'hint' }, t('effect.intro')),
    campaignPicker(list, campaign, (code) => context.setQuery({ campaign: code })),
    campaign ? await effectView(campaign, 'training') : empty('campaign.none'));
}
