// Coaching (docs/coaching.md): the admin proposes plans from the fair scores, confirms them with
// a coach and reads the measured effect of coaching and training; the coach works through the
// caseload and records sessions (a form made for a tablet); the employee reads their plan and
// confirms sessions; the department head follows the department's progress. Nothing here names
// a monitor.
import { api, ApiError, itemsOf } from '../api';
import { announce, append, bdi, h, type Child } from '../dom';
import { isolate } from '../bidi';
import { formatDate, formatDateTime, formatNumber, formatPercent, locale, pick, t } from '../i18n';
import type { MessageKey } from '../messages/ko';
import { chartFigure, palette } from '../components/chart';
import { badge, campaignHeader, channelLabel, dataTable, definitionList, empty, field, section, showFormErrors } from '../components/ui';
import type { PageContext } from '../routes';
import type {
  Campaign, CoachingAction, CoachingEvidenceContact, CoachingModule, CoachingPlan, CoachingPlanDetail, CoachingPlanItem,
  CoachingPlanState, CoachingSession, Effect, List, Role, Wording,
} from '../types';

// ---- shared pieces ----

// Overdue actions first, then the lowest fair score: who needs the coach's attention soonest.
export function byUrgency<T extends { overdue_actions: number; adjusted: number | null }>(plans: T[]): T[] {
  return [...plans].sort((a, b) =>
    (b.overdue_actions > 0 ? 1 : 0) - (a.overdue_actions > 0 ? 1 : 0)
    || b.overdue_actions - a.overdue_actions
    || (a.adjusted ?? Infinity) - (b.adjusted ?? Infinity));
}

// The wording in the page's language as plain text for a form's initial value (not isolated:
// the text goes back to the server as the coach edits it).
function plainWording(wording: Wording): string {
  return wording[locale()] || wording.ko || wording.en || '';
}

// Wording shown whole: a reason, a conclusion or guidance may run longer than the 300
// characters a label keeps (pick), so it goes in a <bdi> as people's text does.
function wordingText(wording: Wording): HTMLElement {
  return bdi(plainWording(wording));
}

function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function planStateBadge(state: CoachingPlanState): HTMLElement {
  const tone = state === 'confirmed' ? 'ok' : state === 'closed' ? 'info' : 'warn';
  return badge(t(`coaching.state.${state}` as MessageKey), tone);
}

function planLink(plan: { id: number; employee_name: string; employee_no: string }): HTMLElement {
  return h('a', { href: `#/coaching/plans/${plan.id}` }, bdi(plan.employee_name), ` (${isolate(plan.employee_no)})`);
}

function scoreWithInterval(plan: { adjusted: number | null; ci90_low: number | null; ci90_high: number | null }): string {
  return t('coaching.scoreInterval', { score: formatNumber(plan.adjusted), low: formatNumber(plan.ci90_low), high: formatNumber(plan.ci90_high) });
}

function itemNames(items: CoachingPlanItem[]): Child {
  if (items.length === 0) return t('common.none');
  return h('ul', { class: 'plain-list' }, items.map((item) => h('li', null, pick(item.name))));
}

// Sessions held, actions open and, highlighted, those overdue.
function actionCounts(plan: CoachingPlan): HTMLElement {
  return h('span', { class: 'counts' },
    t('coaching.countsLine', { sessions: plan.sessions, open: plan.open_actions }),
    plan.overdue_actions > 0 ? [' ', badge(t('coaching.overdueCount', { n: plan.overdue_actions }), 'bad')] : null);
}

// An API answer the page can explain instead of failing: the state does not allow it yet
// (results not released, nobody coached, too little data).
function isStateAnswer(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.status === 409 || error.status === 412 || error.status === 422);
}

function stateNotice(key: MessageKey, error: ApiError): HTMLElement {
  return h('p', { class: 'notice', role: 'note' }, t(key), ' ', bdi(error.message));
}

async function loadPlans(campaign: Campaign): Promise<CoachingPlan[]> {
  return itemsOf(await api.get<List<CoachingPlan>>('/api/coaching/plans', { campaign: campaign.code }));
}

// ---- admin: plans, confirmation and the effect ----

export async function renderPlans(context: PageContext): Promise<void> {
  const campaign = await campaignHeader(context);
  if (!campaign) return;
  const [plans, coaches] = await Promise.all([loadPlans(campaign), coachLogins()]);
  // A ministry proposes thousands of plans: they are shown a page at a time, filtered by state.
  const list = h('div', { 'aria-live': 'polite' });
  const stateFilter: HTMLSelectElement = h('select', { name: 'state', onchange: () => { shown = PAGE; draw(current); } },
    h('option', { value: '' }, t('coaching.allStates')),
    (['proposed', 'confirmed', 'closed'] as const).map((state) => h('option', { value: state }, t(`coaching.state.${state}` as MessageKey))));
  const PAGE = 30;
  let shown = PAGE;
  let current = plans;
  const draw = (rows: CoachingPlan[]): void => {
    current = rows;
    const filtered = byUrgency(rows).filter((p) => !stateFilter.value || p.state === stateFilter.value);
    const more = filtered.length > shown
      ? h('button', { type: 'button', class: 'touch', onclick: () => { shown += PAGE; draw(current); } },
        t('coaching.showMore', { shown: Math.min(shown, filtered.length), total: filtered.length }))
      : null;
    list.replaceChildren(plansTable(filtered.slice(0, shown), coaches, (changed) => {
      draw(current.map((p) => (p.id === changed.id ? changed : p)));
    }), more ?? '');
  };
  draw(plans);
  context.root.append(
    section(t('coaching.proposeTitle'), h('p', { class: 'hint' }, t('coaching.proposeHint')), proposeForm(campaign, async () => draw(await loadPlans(campaign)))),
    section(t('effect.title'), h('p', { class: 'hint' }, t('effect.intro')),
      await effectView(campaign, 'coaching'), await effectView(campaign, 'training')),
    section(t('coaching.plansTitle'), h('p', { class: 'lead' }, t('coaching.plansIntro', { n: plans.length })),
      field(t('coaching.stateFilter'), stateFilter), list),
  );
}

async function coachLogins(): Promise<{ login: string; name: string }[]> {
  try {
    const users = itemsOf(await api.get<List<{ login: string; role: Role; display_name: string; active?: boolean }>>('/api/users'));
    return users.filter((u) => u.role === 'coach' && u.active !== false).map((u) => ({ login: u.login, name: u.display_name }));
  } catch {
    // Without the user list the login is typed in.
    return [];
  }
}

function numberInput(name: string, value: string, attrs: Record<string, string | number>): HTMLInputElement {
  return h('input', { type: 'number', name, value, inputmode: 'decimal', 'data-field': name, ...attrs });
}

function proposeForm(campaign: Campaign, reload: () => Promise<void>): HTMLElement {
  const below = numberInput('below_score', '80', { min: 0, max: 100, step: 0.1 });
  const bottom = numberInput('bottom_share', '', { min: 0, max: 100, step: 1 });
  const weak = numberInput('weak_probability', '0.9', { min: 0, max: 1, step: 0.05 });
  const maxItems = numberInput('max_items', '3', { min: 1, max: 20, step: 1 });
  const messages = h('div', { 'aria-live': 'polite' });
  const value = (input: HTMLInputElement, scale = 1): number | null => (input.value.trim() === '' ? null : Number(input.value) / scale);
  const submit = h('button', { type: 'submit', class: 'primary touch' }, t('coaching.propose'));
  const form: HTMLFormElement = h('form', { class: 'grid-form', novalidate: true, onsubmit: async (event: Event) => {
    event.preventDefault();
    messages.replaceChildren();
    submit.disabled = true;
    try {
      const answer = await api.post<{ proposed: number; kept: number }>(`/api/campaigns/${encodeURIComponent(campaign.code)}/coaching-plans`, {
        below_score: value(below), bottom_share: value(bottom, 100), weak_probability: value(weak), max_items: value(maxItems),
      });
      const done = t('coaching.proposed', { proposed: answer.proposed, kept: answer.kept });
      messages.append(h('p', { class: 'success', role: 'status' }, done));
      announce(done);
      await reload();
    } catch (error) {
      messages.append(isStateAnswer(error) && error.fields.length === 0 ? stateNotice('coaching.proposeNotNow', error) : showFormErrors(form, error));
    } finally {
      submit.disabled = false;
    }
  } },
  field(t('coaching.belowScore'), below, t('coaching.belowScoreHint')),
  field(t('coaching.bottomShare'), bottom, t('coaching.bottomShareHint')),
  field(t('coaching.weakProbability'), weak, t('coaching.weakProbabilityHint')),
  field(t('coaching.maxItems'), maxItems),
  h('div', { class: 'form-actions' }, submit));
  return h('div', null, form, messages);
}

function plansTable(plans: CoachingPlan[], coaches: { login: string; name: string }[], changed: (plan: CoachingPlan) => void): HTMLElement {
  if (plans.length === 0) return empty('coaching.noPlans');
  return dataTable(t('coaching.plansTable'), [
    { header: t('coaching.employee'), rowHeader: true, cell: (p: CoachingPlan) => planLink(p) },
    { header: t('coaching.department'), cell: (p) => bdi(p.department_name) },
    { header: t('coaching.fairScore'), numeric: true, cell: (p) => scoreWithInterval(p) },
    { header: t('coaching.reason'), cell: (p) => wordingText(p.reason) },
    { header: t('coaching.items'), cell: (p) => itemNames(p.items) },
    { header: t('coaching.state'), cell: (p) => planStateBadge(p.state) },
    { header: t('coaching.coach'), cell: (p) => (p.state === 'proposed' ? confirmForm(p, coaches, changed) : p.coach ? bdi(p.coach.name) : '–') },
    { header: t('coaching.progress'), cell: (p) => actionCounts(p) },
  ], byUrgency(plans));
}

// Confirms a proposed plan with the coach who will hold the sessions.
function confirmForm(plan: CoachingPlan, coaches: { login: string; name: string }[], changed: (plan: CoachingPlan) => void): HTMLElement {
  const control: HTMLInputElement | HTMLSelectElement = coaches.length
    ? h('select', { name: `coach-${plan.id}`, 'data-field': 'coach' },
      coaches.map((c) => h('option', { value: c.login, selected: c.login === plan.coach?.login }, `${isolate(c.name)} (${isolate(c.login)})`)))
    : h('input', { type: 'text', name: `coach-${plan.id}`, 'data-field': 'coach', autocapitalize: 'none', spellcheck: 'false', value: plan.coach?.login ?? '' });
  const messages = h('div', { 'aria-live': 'polite' });
  const form: HTMLFormElement = h('form', { class: 'inline-form', novalidate: true, onsubmit: async (event: Event) => {
    event.preventDefault();
    messages.replaceChildren();
    try {
      const confirmed = await api.post<CoachingPlan>(`/api/coaching/plans/${plan.id}/confirmation`, { coach: control.value.trim() });
      announce(t('coaching.confirmed', { name: plan.employee_name }));
      changed(confirmed);
    } catch (error) {
      messages.append(showFormErrors(form, error));
    }
  } }, field(t('coaching.coachLogin'), control),
  h('button', { type: 'submit', class: 'touch' }, t('coaching.confirm'), h('span', { class: 'visually-hidden' }, ` ${isolate(plan.employee_name)}`)), messages);
  return form;
}

// The effect of coaching or training: the model's estimate with its 90 % interval against zero,
// beside the naive before/after and difference-in-differences figures (labelled as biased),
// the conclusion in plain words, and the numbers in a table.
export async function effectView(campaign: Campaign, of: 'coaching' | 'training'): Promise<HTMLElement> {
  const heading = h('h3', null, t(`effect.of.${of}` as MessageKey));
  let effect: Effect;
  try {
    effect = await api.get<Effect>('/api/effect', { campaign: campaign.code, of });
  } catch (error) {
    if (isStateAnswer(error)) return h('div', { class: 'effect' }, heading, stateNotice('effect.unavailable', error));
    throw error;
  }
  const rows: { label: string; value: number | null; low: number | null; high: number | null; biased: boolean }[] = [
    { label: t('effect.estimate'), value: effect.estimate, low: effect.ci90_low, high: effect.ci90_high, biased: false },
    { label: t('effect.beforeAfter'), value: effect.before_after, low: null, high: null, biased: true },
    { label: t('effect.did'), value: effect.difference_in_differences, low: null, high: null, biased: true },
  ];
  const signed = (v: number | null): string => (v === null ? '–' : `${v > 0 ? '+' : ''}${formatNumber(v)}`);
  const table = dataTable(t('effect.table', { of: t(`effect.of.${of}` as MessageKey) }), [
    { header: t('effect.figure'), rowHeader: true, cell: (r: typeof rows[number]) => r.label },
    { header: t('effect.points'), numeric: true, cell: (r) => signed(r.value) },
    { header: t('effect.interval'), numeric: true, cell: (r) => (r.low === null || r.high === null ? '–' : `${signed(r.low)} – ${signed(r.high)}`) },
    { header: t('effect.reading'), cell: (r) => (r.biased ? badge(t('effect.biased'), 'warn') : effect.shown ? badge(t('effect.shown'), 'ok') : badge(t('effect.notShown'), 'info')) },
  ], rows);
  const charted = rows.filter((r) => r.value !== null);
  const extent = Math.max(1, ...charted.flatMap((r) => [Math.abs(r.value ?? 0), Math.abs(r.low ?? 0), Math.abs(r.high ?? 0)]));
  const limit = Math.ceil(extent / 5) * 5;
  const chart = charted.length === 0 ? table : chartFigure({
    title: t('effect.chart', { of: t(`effect.of.${of}` as MessageKey) }),
    summary: t('effect.chartSummary', { estimate: signed(effect.estimate), low: signed(effect.ci90_low), high: signed(effect.ci90_high), before: signed(effect.before_after), did: signed(effect.difference_in_differences) }),
    table,
    height: 220,
    option: {
      tooltip: { trigger: 'item' },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 28, containLabel: true },
      yAxis: { type: 'category', data: rows.map((r) => r.label), inverse: true },
      xAxis: { type: 'value', min: -limit, max: limit, name: t('effect.axis'), nameLocation: 'middle', nameGap: 24 },
      series: [
        // The 90 % interval as a horizontal error bar, the zero line under everything.
        { type: 'line', name: t('effect.interval'), data: effect.ci90_low === null || effect.ci90_high === null ? [] : [[effect.ci90_low, rows[0]!.label], [effect.ci90_high, rows[0]!.label]],
          lineStyle: { width: 6, color: '#b9cbe3' }, symbol: 'rect', symbolSize: [3, 16], itemStyle: { color: palette[0] },
          markLine: { silent: true, symbol: 'none', label: { formatter: '0' }, lineStyle: { color: '#333', type: 'solid' }, data: [{ xAxis: 0 }] } },
        { type: 'scatter', name: t('effect.estimate'), data: effect.estimate === null ? [] : [[effect.estimate, rows[0]!.label]], symbolSize: 14, itemStyle: { color: palette[0] } },
        { type: 'scatter', name: t('effect.biasedFigures'), data: rows.slice(1).filter((r) => r.value !== null).map((r) => [r.value, r.label]), symbol: 'diamond', symbolSize: 13, itemStyle: { color: palette[1] } },
      ],
    },
  });
  return h('div', { class: 'effect' }, heading,
    h('p', { class: effect.shown ? 'lead' : 'lead notice' }, wordingText(effect.conclusion)),
    definitionList([
      [t('effect.treated'), formatNumber(effect.treated, 0)],
      [t('effect.comparison'), formatNumber(effect.comparison, 0)],
      [t('effect.treatedContacts'), formatNumber(effect.treated_contacts, 0)],
    ]),
    chart,
    h('p', { class: 'hint' }, t('effect.biasExplain')),
    effect.method ? h('p', { class: 'hint' }, t('effect.method'), ' ', bdi(effect.method)) : null);
}

// ---- admin: the coaching library ----

const GUIDANCE_PARTS = ['title', 'good', 'practice'] as const;

export async function renderLibrary(context: PageContext): Promise<void> {
  const modules = itemsOf(await api.get<List<CoachingModule>>('/api/coaching/library'));
  if (modules.length === 0) {
    context.root.append(empty('library.empty'));
    return;
  }
  context.root.append(h('p', { class: 'lead' }, t('library.intro', { n: modules.length })));
  for (const module of modules) context.root.append(moduleCard(module));
}

function moduleCard(module: CoachingModule): HTMLElement {
  const inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement>();
  const messages = h('div', { 'aria-live': 'polite' });
  const rows = GUIDANCE_PARTS.map((part) => h('div', { class: 'grid-form' }, (['ko', 'en'] as const).map((language) => {
    const name = `${part}/${language}`;
    const control = part === 'title'
      ? h('input', { type: 'text', name, value: module[part][language], 'data-field': name, maxlength: 200, lang: language })
      : h('textarea', { name, rows: 3, 'data-field': name, maxlength: 4000, lang: language });
    control.value = module[part][language];
    inputs.set(name, control);
    return field(t(`library.${part}.${language}` as MessageKey), control);
  })));
  const wording = (part: string): Wording => ({ ko: inputs.get(`${part}/ko`)!.value.trim(), en: inputs.get(`${part}/en`)!.value.trim() });
  const form: HTMLFormElement = h('form', { novalidate: true, onsubmit: async (event: Event) => {
    event.preventDefault();
    messages.replaceChildren();
    try {
      const saved = await api.put<CoachingModule>(`/api/coaching/library/${encodeURIComponent(module.item_id)}`, {
        title: wording('title'), good: wording('good'), practice: wording('practice'),
      });
      const done = t('library.saved', { item: saved.item_id });
      messages.append(h('p', { class: 'success', role: 'status' }, done));
      announce(done);
    } catch (error) {
      messages.append(showFormErrors(form, error));
    }
  } }, rows, h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary touch' }, t('library.save'),
    h('span', { class: 'visually-hidden' }, ` ${isolate(module.item_id)}`))), messages);
  const card = section(t('library.module', { item: module.item_id, title: plainWording(module.title) }), form);
  card.dataset.item = module.item_id;
  return card;
}

// ---- coach: the caseload ----

export async function renderCaseload(context: PageContext): Promise<void> {
  const campaign = await campaignHeader(context);
  if (!campaign) return;
  const plans = byUrgency(await loadPlans(campaign));
  const overdue = plans.filter((p) => p.overdue_actions > 0).length;
  context.root.append(section(t('caseload.plansTitle'),
    plans.length ? h('p', { class: 'lead' }, t('caseload.intro', { n: plans.length, overdue })) : null,
    plans.length === 0 ? empty('caseload.noPlans') : dataTable(t('caseload.table'), [
      { header: t('coaching.employee'), rowHeader: true, cell: (p: CoachingPlan) => planLink(p) },
      { header: t('coaching.department'), cell: (p) => bdi(p.department_name) },
      { header: t('coaching.fairScore'), numeric: true, cell: (p) => scoreWithInterval(p) },
      { header: t('coaching.items'), cell: (p) => itemNames(p.items) },
      { header: t('coaching.state'), cell: (p) => planStateBadge(p.state) },
      { header: t('coaching.progress'), cell: (p) => actionCounts(p) },
      { header: t('coaching.nextFollowUp'), cell: (p) => formatDate(p.next_follow_up) },
    ], plans)));
  // Rows with overdue actions stand out (colour and the badge's words).
  context.root.querySelectorAll<HTMLTableRowElement>('tbody tr').forEach((row, i) => {
    if ((plans[i]?.overdue_actions ?? 0) > 0) row.classList.add('overdue');
  });
  const { caseloadScores } = await import('./results');
  await caseloadScores(context.root, campaign);
}

// ---- one plan: items with guidance and evidence, sessions, the session form ----

const MAY_RECORD: Role[] = ['admin', 'coach'];

export async function renderPlanPage(context: PageContext): Promise<void> {
  const id = context.params.id ?? '';
  const plan = await api.get<CoachingPlanDetail>(`/api/coaching/plans/${encodeURIComponent(id)}`);
  context.setTitle(t('coaching.planTitleFor', { name: plan.employee_name }));
  context.root.append(...planView(plan, context.user.role));
}

export async function renderMyCoaching(context: PageContext): Promise<void> {
  const campaign = await campaignHeader(context);
  if (!campaign) return;
  const mine = await api.get<{ plan: CoachingPlanDetail | null }>('/api/my/coaching', { campaign: campaign.code });
  if (!mine.plan) {
    context.root.append(h('p', { class: 'notice', role: 'note' }, t('myCoaching.none')));
    return;
  }
  context.root.append(h('p', { class: 'lead' }, t('myCoaching.intro')), ...planView(mine.plan, 'employee'));
}

function planView(plan: CoachingPlanDetail, role: Role): HTMLElement[] {
  const sessions = h('div', { class: 'sessions' });
  const addSession = (session: CoachingSession): void => {
    sessions.querySelector('.empty-sessions')?.remove();
    sessions.append(sessionCard(session, role));
  };
  if (plan.sessions.length === 0) sessions.append(h('p', { class: 'muted empty-sessions' }, t('session.none')));
  for (const session of plan.sessions) addSession(session);
  return [
    section(t('coaching.summary'), definitionList([
      [t('coaching.employee'), [bdi(plan.employee_name), ` (${isolate(plan.employee_no)})`]],
      [t('coaching.department'), bdi(plan.department_name)],
      [t('coaching.state'), planStateBadge(plan.state)],
      [t('coaching.fairScore'), scoreWithInterval(plan)],
      [t('coaching.coach'), plan.coach ? bdi(plan.coach.name) : '–'],
      [t('coaching.nextFollowUp'), formatDate(plan.next_follow_up)],
    ]), h('p', null, h('strong', null, t('coaching.reason')), ' ', wordingText(plan.reason))),
    ...(plan.outcome ? [outcomeSection(plan, plan.outcome)] : []),
    section(t('coaching.itemsTitle'), plan.items.length === 0 ? empty() : plan.items.map((item) => itemCard(item, plan))),
    section(t('session.title'), sessions),
    ...(MAY_RECORD.includes(role) && plan.state !== 'closed' ? [sessionForm(plan, addSession)] : []),
  ];
}

// The fair score after a later release (with the re-evaluation), against the plan's: the change
// is called an improvement only when its interval lies above zero.
function outcomeSection(plan: CoachingPlanDetail, outcome: NonNullable<CoachingPlanDetail['outcome']>): HTMLElement {
  const shown = outcome.change_low > 0 || outcome.change_high < 0;
  const words = !shown ? 'outcome.notShown' : outcome.change > 0 ? 'outcome.up' : 'outcome.down';
  return section(t('outcome.title'), definitionList([
    [t('outcome.before'), scoreWithInterval(plan)],
    [t('outcome.after', { date: formatDate(outcome.released_at.slice(0, 10)) }), `${formatNumber(outcome.adjusted)} (${formatNumber(outcome.ci90_low)}–${formatNumber(outcome.ci90_high)})`],
    [t('outcome.change'), `${outcome.change > 0 ? '+' : ''}${formatNumber(outcome.change)} (${formatNumber(outcome.change_low)}–${formatNumber(outcome.change_high)})`],
  ]), h('p', null, t(words as MessageKey, { change: formatNumber(Math.abs(outcome.change)) })));
}

function evidenceOf(plan: CoachingPlanDetail, itemId: string): CoachingEvidenceContact[] {
  return (plan.evidence ?? []).find((e) => e.item_id === itemId)?.contacts ?? [];
}

function itemCard(item: CoachingPlanItem, plan: CoachingPlanDetail): HTMLElement {
  const contacts = evidenceOf(plan, item.item_id);
  return h('article', { class: 'plan-item', 'data-item': item.item_id },
    h('h3', null, pick(item.name)),
    h('p', { class: 'hint' }, t('coaching.itemStanding', {
      mine: formatPercent(item.achievement), peers: formatPercent(item.peer_mean), weak: formatPercent(item.probability_weak),
    })),
    item.guidance ? h('div', { class: 'guidance' },
      h('p', null, h('strong', null, pick(item.guidance.title))),
      h('p', null, t('results.goodLooksLike'), ' ', wordingText(item.guidance.good)),
      h('p', null, t('results.practise'), ' ', wordingText(item.guidance.practice))) : null,
    plan.evidence === undefined ? null : contacts.length === 0 ? empty('coaching.noEvidence') : dataTable(t('coaching.evidenceTable', { item: pick(item.name) }), [
      { header: t('coaching.evidenceWhen'), rowHeader: true, cell: (c: CoachingEvidenceContact) => formatDateTime(c.performed_at) },
      { header: t('evaluation.channel'), cell: (c) => channelLabel(c.channel) },
      { header: t('evaluation.observation'), cell: (c) => wordingText(c.observed) },
      { header: t('evaluation.pointsHeader'), numeric: true, cell: (c) => `${formatNumber(c.points, 1)} / ${formatNumber(c.max_points, 1)}` },
      { header: t('evaluation.note'), cell: (c) => (c.note ? bdi(c.note) : '–') },
    ], contacts));
}

// One session: what was discussed, the notes, the actions with their buttons, the confirmations.
// Private notes only for the coach and the admin, even if an answer carried them.
function sessionCard(session: CoachingSession, role: Role): HTMLElement {
  const status = h('div', { 'aria-live': 'polite' });
  const card = h('article', { class: 'session card', 'data-session': String(session.id) });
  const redraw = (next: CoachingSession): void => {
    card.replaceWith(sessionCard(next, role));
  };
  const act = async (button: HTMLButtonElement, call: () => Promise<CoachingSession>, done: string): Promise<void> => {
    button.disabled = true;
    try {
      const next = await call();
      announce(done);
      redraw(next);
    } catch (error) {
      status.replaceChildren(showFormErrors(card, error));
      button.disabled = false;
    }
  };
  const mayComplete = role === 'employee' || role === 'coach';
  const mayConfirm = (role === 'employee' && !session.employee_confirmed_at) || (role === 'coach' && !session.coach_confirmed_at);
  const confirmButton: HTMLButtonElement | null = mayConfirm
    ? h('button', { type: 'button', class: 'touch', onclick: () => void act(confirmButton!, () => api.post<CoachingSession>(`/api/coaching/sessions/${session.id}/confirmation`), t('session.confirmedNow')) },
      t('session.confirm'), h('span', { class: 'visually-hidden' }, ` ${formatDate(session.held_on)}`))
    : null;
  append(card, [
    h('h3', null, t('session.heldOn', { date: formatDate(session.held_on) })),
    session.coach ? h('p', { class: 'hint' }, t('session.by'), ' ', bdi(session.coach.name)) : null,
    session.discussed.length ? [h('h4', null, t('session.discussed')), h('ul', { class: 'discussed' }, session.discussed.map((d) =>
      h('li', null, h('strong', null, pick(d.name)), d.note ? [' — ', h('span', { class: 'pre' }, bdi(d.note))] : null)))] : null,
    session.notes_shared ? [h('h4', null, t('session.notesShared')), h('p', { class: 'pre' }, bdi(session.notes_shared))] : null,
    MAY_RECORD.includes(role) && session.notes_private
      ? h('div', { class: 'private-notes' }, h('h4', null, t('session.notesPrivate')), h('p', { class: 'pre' }, bdi(session.notes_private)))
      : null,
    session.actions.length ? [h('h4', null, t('session.actions')), h('ul', { class: 'actions-list' }, session.actions.map((action) => actionItem(action, mayComplete, act)))] : null,
    h('p', null, t('session.followUp'), ' ', formatDate(session.follow_up_on)),
    definitionList([
      [t('session.coachConfirmed'), session.coach_confirmed_at ? formatDateTime(session.coach_confirmed_at) : t('session.notYet')],
      [t('session.employeeConfirmed'), session.employee_confirmed_at ? formatDateTime(session.employee_confirmed_at) : t('session.notYet')],
    ]),
    confirmButton ? h('div', { class: 'form-actions' }, confirmButton) : null,
    status,
  ]);
  return card;
}

function actionItem(action: CoachingAction, mayComplete: boolean, act: (button: HTMLButtonElement, call: () => Promise<CoachingSession>, done: string) => Promise<void>): HTMLElement {
  const state = action.done_on
    ? badge(t('session.doneOn', { date: formatDate(action.done_on) }), 'ok')
    : action.overdue ? badge(t('session.overdue'), 'bad') : badge(t('session.open'), 'info');
  const button: HTMLButtonElement | null = mayComplete && !action.done_on
    ? h('button', { type: 'button', class: 'touch', onclick: () => void act(button!, () => api.post<CoachingSession>(`/api/coaching/actions/${action.id}/completion`), t('session.completedNow')) },
      t('session.markDone'), h('span', { class: 'visually-hidden' }, `: ${isolate(action.text)}`))
    : null;
  return h('li', { class: action.overdue && !action.done_on ? 'action overdue' : 'action', 'data-action': String(action.id) },
    bdi(action.text), ' ', h('span', { class: 'muted' }, t('session.due', { date: formatDate(action.due_on) })), ' ', state, button ? [' ', button] : null);
}

// The agenda line of an item: its name and a summary of the evidence behind it.
function agendaText(item: CoachingPlanItem, plan: CoachingPlanDetail): string {
  const contacts = evidenceOf(plan, item.item_id);
  const evidence = contacts.map((c) => [
    formatDate(c.performed_at), channelLabel(c.channel), plainWording(c.observed),
    t('coaching.pointsOf', { points: formatNumber(c.points, 1), max: formatNumber(c.max_points, 1) }), c.note,
  ].filter(Boolean).join(' · '));
  return [plainWording(item.name), ...evidence].join('\n');
}

// The session form, made for a tablet: large targets, one discussion point per plan item
// (pre-filled with the agenda), notes, action rows that can be added, the follow-up date.
function sessionForm(plan: CoachingPlanDetail, added: (session: CoachingSession) => void): HTMLElement {
  const heldOn = h('input', { type: 'date', name: 'held_on', value: todayIso(), 'data-field': 'held_on', required: true });
  const points = plan.items.map((item, index) => {
    const discussed = h('input', { type: 'checkbox', name: `discussed-${item.item_id}`, checked: true });
    const note = h('textarea', { name: `discussed/${index}/note`, rows: 4, maxlength: 4000, 'data-field': `discussed/${index}/note` });
    note.value = agendaText(item, plan);
    const box = h('fieldset', { class: 'discussion-point', 'data-item': item.item_id },
      h('legend', null, pick(item.name)),
      h('label', { class: 'choice touch-row' }, discussed, t('session.discussedThis')),
      field(t('session.pointNote'), note, t('session.pointNoteHint')));
    return { item, discussed, note, box };
  });
  const shared = h('textarea', { name: 'notes_shared', rows: 4, maxlength: 8000, 'data-field': 'notes_shared' });
  const hidden = h('textarea', { name: 'notes_private', rows: 3, maxlength: 8000, 'data-field': 'notes_private' });
  const followUp = h('input', { type: 'date', name: 'follow_up_on', 'data-field': 'follow_up_on' });
  const actionRows = h('ol', { class: 'action-rows' });
  const addAction = (): void => {
    const index = actionRows.children.length;
    const text = h('input', { type: 'text', name: `actions/${index}/text`, maxlength: 1000, 'data-field': `actions/${index}/text` });
    const due = h('input', { type: 'date', name: `actions/${index}/due_on`, 'data-field': `actions/${index}/due_on` });
    const row: HTMLLIElement = h('li', { class: 'action-row' },
      field(t('session.actionText', { n: index + 1 }), text), field(t('session.actionDue', { n: index + 1 }), due),
      h('button', { type: 'button', class: 'touch', onclick: () => { row.remove(); renumber(); } }, t('session.removeAction'),
        h('span', { class: 'visually-hidden' }, ` ${index + 1}`)));
    actionRows.append(row);
    text.focus();
  };
  // After a row goes, the names and labels follow the rows' new order (the server's field errors
  // name actions/N by position).
  const renumber = (): void => {
    [...actionRows.children].forEach((row, index) => {
      const [text, due] = row.querySelectorAll('input');
      const labels = row.querySelectorAll('label');
      for (const [input, part] of [[text, 'text'], [due, 'due_on']] as const) {
        input?.setAttribute('name', `actions/${index}/${part}`);
        input?.setAttribute('data-field', `actions/${index}/${part}`);
      }
      if (labels[0]) labels[0].textContent = t('session.actionText', { n: index + 1 });
      if (labels[1]) labels[1].textContent = t('session.actionDue', { n: index + 1 });
    });
  };
  const messages = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary touch' }, t('session.save'));
  const form: HTMLFormElement = h('form', { class: 'session-form tablet-form', novalidate: true, onsubmit: async (event: Event) => {
    event.preventDefault();
    messages.replaceChildren();
    if (!heldOn.value) {
      messages.append(showFormErrors(form, new ApiError(422, 'invalid_argument', t('session.heldOnRequired'), [{ field: 'held_on', message: t('session.heldOnRequired') }], true)));
      heldOn.focus();
      return;
    }
    const actions = [...actionRows.children].map((row) => {
      const [text, due] = row.querySelectorAll('input');
      return { text: text?.value.trim() ?? '', due_on: due?.value ?? '' };
    }).filter((a) => a.text !== '' || a.due_on !== '');
    const body = {
      held_on: heldOn.value,
      discussed: points.filter((p) => p.discussed.checked).map((p) => ({ item_id: p.item.item_id, note: p.note.value.trim() })),
      notes_shared: shared.value.trim(),
      notes_private: hidden.value.trim(),
      actions,
      follow_up_on: followUp.value || null,
    };
    submit.disabled = true;
    try {
      const session = await api.post<CoachingSession>(`/api/coaching/plans/${plan.id}/sessions`, body);
      added(session);
      form.reset();
      heldOn.value = todayIso();
      points.forEach((p) => { p.discussed.checked = true; p.note.value = agendaText(p.item, plan); });
      actionRows.replaceChildren();
      addAction();
      messages.append(h('p', { class: 'success', role: 'status' }, t('session.saved')));
      announce(t('session.saved'));
    } catch (error) {
      messages.append(showFormErrors(form, error));
    } finally {
      submit.disabled = false;
    }
  } },
  h('p', { class: 'hint' }, t('session.formHint')),
  field(t('session.heldOnLabel'), heldOn),
  h('h3', null, t('session.agenda')),
  points.length ? points.map((p) => p.box) : empty(),
  field(t('session.notesShared'), shared, t('session.notesSharedHint')),
  field(t('session.notesPrivate'), hidden, t('session.notesPrivateHint')),
  h('fieldset', null, h('legend', null, t('session.actions')), actionRows,
    h('button', { type: 'button', class: 'touch', onclick: addAction }, t('session.addAction'))),
  field(t('session.followUpLabel'), followUp, t('session.followUpHint')),
  messages,
  h('div', { class: 'form-actions' }, submit));
  addAction();
  return section(t('session.newTitle'), form);
}

// ---- department head: the department's coaching progress ----

export async function renderDepartmentCoaching(context: PageContext): Promise<void> {
  const campaign = await campaignHeader(context);
  if (!campaign) return;
  const plans = byUrgency(await loadPlans(campaign));
  if (plans.length === 0) {
    context.root.append(empty('coaching.noPlans'));
    return;
  }
  const states: CoachingPlanState[] = ['proposed', 'confirmed', 'closed'];
  const counts = states.map((state) => ({ state, n: plans.filter((p) => p.state === state).length }));
  const overdue = plans.reduce((sum, p) => sum + p.overdue_actions, 0);
  const stateTable = dataTable(t('department.statesTable'), [
    { header: t('coaching.state'), rowHeader: true, cell: (r: typeof counts[number]) => t(`coaching.state.${r.state}` as MessageKey) },
    { header: t('department.plans'), numeric: true, cell: (r) => formatNumber(r.n, 0) },
  ], counts);
  context.root.append(
    section(t('department.progress'),
      h('p', { class: 'lead' }, t('department.intro', { n: plans.length, sessions: plans.reduce((sum, p) => sum + p.sessions, 0), overdue })),
      chartFigure({
        title: t('department.statesChart'),
        summary: counts.map((r) => `${t(`coaching.state.${r.state}` as MessageKey)} ${r.n}`).join(', '),
        table: stateTable,
        height: 200,
        option: {
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          grid: { left: 8, right: 24, top: 16, bottom: 24, containLabel: true },
          yAxis: { type: 'category', data: counts.map((r) => t(`coaching.state.${r.state}` as MessageKey)), inverse: true },
          xAxis: { type: 'value', minInterval: 1 },
          series: [{ type: 'bar', name: t('department.plans'), data: counts.map((r) => r.n), itemStyle: { color: palette[0] }, barWidth: 18 }],
        },
      })),
    section(t('department.plansTitle'), dataTable(t('department.plansTable'), [
      { header: t('coaching.employee'), rowHeader: true, cell: (p: CoachingPlan) => planLink(p) },
      { header: t('coaching.state'), cell: (p) => planStateBadge(p.state) },
      { header: t('coaching.items'), cell: (p) => itemNames(p.items) },
      { header: t('coaching.coach'), cell: (p) => (p.coach ? bdi(p.coach.name) : '–') },
      { header: t('department.sessions'), numeric: true, cell: (p) => formatNumber(p.sessions, 0) },
      { header: t('department.openActions'), numeric: true, cell: (p) => formatNumber(p.open_actions, 0) },
      { header: t('department.overdueActions'), numeric: true, cell: (p) => (p.overdue_actions > 0 ? badge(formatNumber(p.overdue_actions, 0), 'bad') : '0') },
      { header: t('coaching.nextFollowUp'), cell: (p) => formatDate(p.next_follow_up) },
    ], plans)),
  );
}
