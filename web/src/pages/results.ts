// Released results: an employee's own (with the evidence, item notes, acknowledgement and
// objection), a department head's department, a coach's caseload, and the read view of one
// evaluation. Nothing here shows schedules or monitors.
import { api, ApiError, itemsOf } from '../api';
import { announce, bdi, h } from '../dom';
import { formatDate, formatDateTime, formatNumber, formatPercent, pick, t } from '../i18n';
import { evaluationView, readableView, rubricFor } from '../components/evaluation-view';
import { chartFigure, palette } from '../components/chart';
import { employeeScoreTable, explainAdjusted, gradeCell, intervalChart, probabilities } from '../components/score-views';
import { campaignHeader, dataTable, definitionList, departmentNames, empty, field, section, showFormErrors } from '../components/ui';
import type { PageContext } from '../routes';
import type { Campaign, DepartmentScore, EmployeeScore, Evaluation, EvaluationRow, ItemStanding, OwnEvaluationRow, ScoreList, Wording } from '../types';

interface MyResults {
  campaign: string;
  released_at: string;
  objection_deadline: string;
  objections_open: boolean;
  evaluations: OwnEvaluationRow[];
  score: EmployeeScore | null;
  department_name?: string;
  score_sentence?: Wording | null;
  strongest_items?: ItemStanding[];
  weakest_items?: ItemStanding[];
}

// The employee's items against the department and the organisation: a chart, its table, and
// for each weak item what good looks like and how to practise it.
function itemProfile(mine: MyResults): HTMLElement | null {
  const weakest = mine.weakest_items ?? [];
  const strongest = mine.strongest_items ?? [];
  const rows = [...weakest, ...strongest];
  if (rows.length === 0) return null;
  const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  const names = rows.map((r) => pick(r.name));
  const table = dataTable(t('results.itemsTable'), [
    { header: t('evaluation.item'), rowHeader: true, cell: (r: ItemStanding) => pick(r.name) },
    { header: t('results.itemMine'), numeric: true, cell: (r) => formatPercent(r.own, 0) },
    { header: t('results.itemDepartment'), numeric: true, cell: (r) => (r.department === null ? '–' : formatPercent(r.department, 0)) },
    { header: t('results.itemOrganisation'), numeric: true, cell: (r) => (r.organisation === null ? '–' : formatPercent(r.organisation, 0)) },
    { header: t('results.itemStanding'), cell: (r) => (weakest.includes(r) ? t('results.itemWeak') : t('results.itemStrong')) },
  ], rows);
  const chart = chartFigure({
    title: t('results.itemsChart'),
    summary: t('results.itemsSummary', { weak: weakest.map((r) => pick(r.name)).join(', ') || t('common.none'), strong: strongest.map((r) => pick(r.name)).join(', ') || t('common.none') }),
    height: 60 + rows.length * 56,
    stacked: true,
    table,
    option: {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 160, right: 24, top: 32, bottom: 24 },
      xAxis: { type: 'value', min: 0, max: 100 },
      yAxis: { type: 'category', data: names, inverse: true },
      series: [
        { type: 'bar', name: t('results.itemMine'), data: rows.map((r) => percent(r.own)), itemStyle: { color: palette[0] } },
        { type: 'bar', name: t('results.itemDepartment'), data: rows.map((r) => percent(r.department)), itemStyle: { color: palette[2] } },
        { type: 'bar', name: t('results.itemOrganisation'), data: rows.map((r) => percent(r.organisation)), itemStyle: { color: '#5f6b7a' } },
      ],
    },
  });
  const advice = weakest.filter((r) => r.guidance).map((r) => h('li', null,
    h('strong', null, pick(r.guidance!.title)), ' — ', pick(r.name),
    h('p', null, t('results.goodLooksLike'), ' ', pick(r.guidance!.good)),
    h('p', null, t('results.practise'), ' ', pick(r.guidance!.practice))));
  return section(t('results.itemsTitle'), h('p', { class: 'hint' }, t('results.itemsHint')), chart,
    advice.length ? [h('h3', null, t('results.adviceTitle')), h('ul', { class: 'advice' }, advice)] : null);
}

// Results exist only after the release date; before it the server answers 404 or 409.
async function released<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 409)) return null;
    throw error;
  }
}

function scoreSummary(score: EmployeeScore): HTMLElement {
  return definitionList([
    [t('score.adjusted'), h('strong', { class: 'big-number' }, formatNumber(score.adjusted))],
    [t('score.interval'), `${formatNumber(score.ci90_low)}–${formatNumber(score.ci90_high)}`],
    [t('score.rawMean'), formatNumber(score.raw_mean)],
    [t('score.contacts'), formatNumber(score.contacts, 0)],
    [t('score.grade'), gradeCell(score)],
    ...(typeof score.p_S === 'number' ? [[t('score.probabilities'), probabilities(score)] as [string, string]] : []),
  ]);
}

export async function renderMyResults(context: PageContext): Promise<void> {
  const campaign = await campaignHeader(context);
  if (!campaign) return;
  const mine = await released(() => api.get<MyResults>('/api/my/results', { campaign: campaign.code }));
  if (!mine || (mine.evaluations.length === 0 && !mine.score)) {
    context.root.append(h('p', { class: 'notice' }, t('results.notReleased')));
    return;
  }
  if (mine.score) {
    context.root.append(section(t('results.myScore'),
      mine.score_sentence ? h('p', { class: 'lead' }, pick(mine.score_sentence)) : null,
      scoreSummary(mine.score), explainAdjusted()));
  }
  const profile = itemProfile(mine);
  if (profile) context.root.append(profile);
  context.root.append(h('p', { class: 'notice' }, mine.objections_open
    ? t('results.deadline', { date: formatDate(mine.objection_deadline) })
    : t('results.deadlinePassed')));
  // The evidence (observations, points, notes) is on each evaluation.
  const details = await Promise.all(mine.evaluations.map((row) => api.get<Evaluation>(`/api/evaluations/${row.id}`)));
  for (const [index, evaluation] of details.entries()) {
    const row = mine.evaluations[index]!;
    const rubric = await rubricFor(evaluation.rubric.code, evaluation.rubric.version);
    const view = row.readable ? readableView(evaluation, row.readable, rubric) : evaluationView(evaluation, rubric);
    context.root.append(resultCard(row, view, mine.objections_open));
  }
}

function resultCard(row: OwnEvaluationRow, view: HTMLElement, objectionsOpen: boolean): HTMLElement {
  const status = h('div', { 'aria-live': 'polite' });
  const card = section(t('results.contactOn', { date: formatDateTime(row.performed_at) }), view, status);
  card.classList.add('result');
  card.dataset.evaluation = String(row.id);
  const actions = h('div', { class: 'form-actions' });
  if (row.acknowledged) {
    status.append(h('p', { class: 'success' }, t('results.acknowledged')));
  } else {
    const button = h('button', { type: 'button', class: 'touch', onclick: async () => {
      button.disabled = true;
      try {
        await api.post(`/api/my/results/${row.id}/acknowledgement`);
        button.remove();
        status.replaceChildren(h('p', { class: 'success', role: 'status' }, t('results.acknowledged')));
        announce(t('results.acknowledged'));
      } catch (error) {
        status.replaceChildren(showFormErrors(card, error));
        button.disabled = false;
      }
    } }, t('results.acknowledge'));
    actions.append(button);
  }
  if (row.objection) {
    status.append(h('p', { class: 'notice' }, t('results.objectionFiled', { state: t(`objection.state.${row.objection.state}` as 'objection.state.open') }), ' ', bdi(row.objection.reason),
      row.objection.decision_reason ? [' — ', bdi(row.objection.decision_reason)] : null));
  } else if (objectionsOpen) {
    actions.append(objectionForm(row));
  }
  card.append(actions);
  return card;
}

function objectionForm(row: EvaluationRow): HTMLElement {
  const reason = h('textarea', { name: 'reason', rows: 3, maxlength: 4000, 'data-field': 'reason', required: true });
  const errors = h('div');
  const form: HTMLFormElement = h('form', { novalidate: true, onsubmit: async (event: Event) => {
    event.preventDefault();
    errors.replaceChildren();
    if (!reason.value.trim()) {
      errors.append(showFormErrors(form, new ApiError(422, 'invalid_argument', t('results.reasonRequired'), [{ field: 'reason', message: t('results.reasonRequired') }], true)));
      reason.focus();
      return;
    }
    try {
      await api.post(`/api/my/results/${row.id}/objection`, { reason: reason.value.trim() });
      details.replaceWith(h('p', { class: 'success', role: 'status' }, t('results.objectionSent')));
      announce(t('results.objectionSent'));
    } catch (error) {
      errors.append(showFormErrors(form, error));
    }
  } }, errors, field(t('results.objectionReason'), reason, t('results.objectionHint')), h('button', { type: 'submit', class: 'touch' }, t('results.objectionSubmit')));
  const details = h('details', { class: 'objection' }, h('summary', null, t('results.object')), form);
  return details;
}

function normaliseDepartment(d: DepartmentScore): DepartmentScore {
  return { ...d, ci90_low: d.ci90_low ?? d.ci_low ?? null, ci90_high: d.ci90_high ?? d.ci_high ?? null };
}

export async function renderDepartment(context: PageContext): Promise<void> {
  const campaign = await campaignHeader(context);
  if (!campaign) return;
  const [departments, employees, names] = await Promise.all([
    released(() => api.get<ScoreList<DepartmentScore>>('/api/scores', { campaign: campaign.code, level: 'department' })),
    released(() => api.get<ScoreList<EmployeeScore>>('/api/scores', { campaign: campaign.code, level: 'employee' })),
    departmentNames(),
  ]);
  const department = departments?.items[0] ? normaliseDepartment(departments.items[0]) : undefined;
  const staff = employees?.items ?? [];
  if (!department && staff.length === 0) {
    context.root.append(h('p', { class: 'notice' }, t('results.notReleased')));
    return;
  }
  if (department) {
    context.setTitle(t('results.departmentTitle', { name: department.name ?? names.get(department.department_code)?.name ?? department.department_code }));
    context.root.append(section(t('results.departmentScore'), definitionList([
      [t('score.adjusted'), h('strong', { class: 'big-number' }, formatNumber(department.adjusted))],
      [t('score.interval'), `${formatNumber(department.ci90_low)}–${formatNumber(department.ci90_high)}`],
      [t('score.rawMean'), formatNumber(department.raw_mean)],
      [t('score.contacts'), formatNumber(department.contacts ?? null, 0)],
      [t('dash.rank'), department.rank_worst && department.rank_worst !== department.rank ? `${department.rank}–${department.rank_worst}` : String(department.rank ?? '–')],
    ]), h('p', { class: 'hint' }, t('dash.rankExplain')), explainAdjusted()));
  }
  const table = employeeScoreTable(t('results.staffTable'), staff, names);
  context.root.append(section(t('results.staff'), intervalChart(t('results.staffChart'), staff, table)));
}

export async function renderCaseload(context: PageContext): Promise<void> {
  const campaign = await campaignHeader(context);
  if (!campaign) return;
  await caseloadScores(context.root, campaign);
}

// The fair scores of the coach's caseload, lowest first (under the coaching plans on /caseload).
export async function caseloadScores(root: HTMLElement, campaign: Campaign): Promise<void> {
  const [scores, names] = await Promise.all([
    released(() => api.get<ScoreList<EmployeeScore>>('/api/scores', { campaign: campaign.code, level: 'employee' })),
    departmentNames(),
  ]);
  const rows = scores?.items ?? [];
  if (rows.length === 0) {
    root.append(h('p', { class: 'notice' }, scores ? t('coach.empty') : t('results.notReleased')));
    return;
  }
  const sorted = [...rows].sort((a, b) => (a.adjusted ?? 0) - (b.adjusted ?? 0));
  root.append(h('p', { class: 'lead' }, t('coach.intro', { n: rows.length })));
  const table = employeeScoreTable(t('coach.table'), sorted, names);
  root.append(section(t('coach.scores'), intervalChart(t('coach.chart'), sorted, table), explainAdjusted()));
}

export async function renderEvaluation(context: PageContext): Promise<void> {
  const evaluation = await api.get<Evaluation>(`/api/evaluations/${encodeURIComponent(context.params.id ?? '')}`);
  const rubric = await rubricFor(evaluation.rubric.code, evaluation.rubric.version);
  context.setTitle(t('evaluation.titleOn', { date: formatDateTime(evaluation.performed_at) }));
  context.root.append(section(t('evaluation.title'), evaluationView(evaluation, rubric)));
}
