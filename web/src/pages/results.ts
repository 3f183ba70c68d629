// Released results: an employee's own (with evidence, item notes, acknowledgement and objection),
// a department head's department, a coach's caseload, and the read view of one evaluation.
// Nothing here ever shows schedules or monitors.
import { api, ApiError, itemsOf } from '../api';
import { announce, h } from '../dom';
import { formatDate, formatDateTime, formatNumber, t } from '../i18n';
import { evaluationView, rubricFor } from '../components/evaluation-view';
import { employeeScoreTable, explainAdjusted, gradeCell, intervalChart, probabilities } from '../components/score-views';
import { campaignPicker, campaigns, chooseCampaign, definitionList, empty, field, section, showFormErrors } from '../components/ui';
import type { PageContext } from '../routes';
import type { DepartmentScore, EmployeeScore, Evaluation, Page } from '../types';

interface MyResults {
  campaign?: string;
  released?: boolean;
  score?: EmployeeScore | null;
  objection_deadline?: string | null;
  evaluations?: Evaluation[];
  items?: Evaluation[];
}

async function campaignHeader(context: PageContext) {
  const list = await campaigns();
  const campaign = await chooseCampaign(context.query);
  context.root.append(campaignPicker(list, campaign, (code) => context.setQuery({ campaign: code })));
  return campaign;
}

function scoreSummary(score: EmployeeScore): HTMLElement {
  return definitionList([
    [t('score.adjusted'), h('strong', { class: 'big-number' }, formatNumber(score.adjusted))],
    [t('score.interval'), `${formatNumber(score.ci90_low)}–${formatNumber(score.ci90_high)}`],
    [t('score.rawMean'), formatNumber(score.raw_mean)],
    [t('score.contacts'), formatNumber(score.contacts, 0)],
    [t('score.grade'), gradeCell(score)],
    [t('score.probabilities'), probabilities(score)],
  ]);
}

export async function renderMyResults(context: PageContext): Promise<void> {
  const campaign = await campaignHeader(context);
  if (!campaign) {
    context.root.append(empty('campaign.none'));
    return;
  }
  const result = await api.get<MyResults | Page<Evaluation>>('/api/my/results', { campaign: campaign.code });
  const mine = result as MyResults;
  const evaluations = mine.evaluations ?? itemsOf<Evaluation>(result as Page<Evaluation>);
  if (mine.released === false || evaluations.length === 0 && !mine.score) {
    context.root.append(h('p', { class: 'notice' }, t('results.notReleased')));
    return;
  }
  if (mine.score) context.root.append(section(t('results.myScore'), scoreSummary(mine.score), explainAdjusted()));
  const deadline = mine.objection_deadline ?? evaluations.find((e) => e.objection_deadline)?.objection_deadline ?? null;
  if (deadline) context.root.append(h('p', { class: 'notice' }, t('results.deadline', { date: formatDate(deadline) })));
  for (const evaluation of evaluations) {
    const rubric = await rubricFor(evaluation.rubric, evaluation.rubric_version);
    context.root.append(resultCard(evaluation, rubric ? evaluationView(evaluation, rubric) : evaluationView(evaluation), deadline));
  }
}

function resultCard(evaluation: Evaluation, view: HTMLElement, deadline: string | null): HTMLElement {
  const status = h('div', { 'aria-live': 'polite' });
  const title = t('results.contactOn', { date: formatDateTime(evaluation.performed_at) });
  const card = section(evaluation.code ? `${title} (${evaluation.code})` : title, view, status);
  card.classList.add('result');
  card.dataset.evaluation = String(evaluation.id);
  const own = evaluation.objection ?? null;
  const actions = h('div', { class: 'form-actions' });
  if (evaluation.acknowledged_at) {
    status.append(h('p', { class: 'success' }, t('results.acknowledgedOn', { date: formatDateTime(evaluation.acknowledged_at) })));
  } else if (!own) {
    const button = h('button', { type: 'button', class: 'touch', onclick: async () => {
      button.disabled = true;
      try {
        await api.post(`/api/my/results/${evaluation.id}/acknowledgement`);
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
  if (own) {
    status.append(h('p', { class: 'notice' }, t('results.objectionFiled', { state: own.state ?? '' }), ' ', own.reason,
      own.decision_reason ? ` — ${own.decision_reason}` : ''));
  } else {
    const open = !deadline || new Date() <= new Date(`${deadline}T23:59:59`);
    if (open) actions.append(objectionForm(evaluation, status));
    else actions.append(h('p', { class: 'muted' }, t('results.deadlinePassed')));
  }
  card.append(actions);
  return card;
}

function objectionForm(evaluation: Evaluation, status: HTMLElement): HTMLElement {
  const reason = h('textarea', { name: 'reason', rows: 3, maxlength: 2000, 'data-field': 'reason', required: true });
  const errors = h('div');
  const form: HTMLFormElement = h('form', { novalidate: true, onsubmit: async (event: Event) => {
    event.preventDefault();
    errors.replaceChildren();
    if (!reason.value.trim()) {
      errors.append(showFormErrors(form, new ApiError(422, 'invalid_argument', t('results.reasonRequired'), [{ field: 'reason', message: t('results.reasonRequired') }])));
      reason.focus();
      return;
    }
    try {
      await api.post(`/api/my/results/${evaluation.id}/objection`, { reason: reason.value.trim() });
      details.replaceWith(h('p', { class: 'success', role: 'status' }, t('results.objectionSent')));
      status.querySelector('button')?.remove();
      announce(t('results.objectionSent'));
    } catch (error) {
      errors.append(showFormErrors(form, error));
    }
  } }, errors, field(t('results.objectionReason'), reason, t('results.objectionHint')), h('button', { type: 'submit', class: 'touch' }, t('results.objectionSubmit')));
  const details = h('details', { class: 'objection' }, h('summary', null, t('results.object')), form);
  return details;
}

export async function renderDepartment(context: PageContext): Promise<void> {
  const campaign = await campaignHeader(context);
  if (!campaign) {
    context.root.append(empty('campaign.none'));
    return;
  }
  const [departments, employees] = await Promise.all([
    api.get<Page<DepartmentScore>>('/api/scores', { campaign: campaign.code, level: 'department', page_size: 500 }),
    api.get<Page<EmployeeScore>>('/api/scores', { campaign: campaign.code, level: 'employee', page_size: 500 }),
  ]);
  const department = itemsOf(departments)[0];
  const staff = itemsOf(employees);
  if (!department && staff.length === 0) {
    context.root.append(h('p', { class: 'notice' }, t('results.notReleased')));
    return;
  }
  if (department) {
    context.setTitle(t('results.departmentTitle', { name: department.name ?? department.department_name ?? department.department_code }));
    context.root.append(section(t('results.departmentScore'), definitionList([
      [t('score.adjusted'), h('strong', { class: 'big-number' }, formatNumber(department.adjusted))],
      [t('score.interval'), `${formatNumber(department.ci90_low)}–${formatNumber(department.ci90_high)}`],
      [t('score.rawMean'), formatNumber(department.raw_mean)],
      [t('dash.rank'), department.rank_worst && department.rank_worst !== department.rank ? `${department.rank}–${department.rank_worst}` : String(department.rank ?? '–')],
    ]), explainAdjusted()));
  }
  const table = employeeScoreTable(t('results.staffTable'), staff);
  context.root.append(section(t('results.staff'), intervalChart(t('results.staffChart'), staff, table)));
}

export async function renderCaseload(context: PageContext): Promise<void> {
  const campaign = await campaignHeader(context);
  if (!campaign) {
    context.root.append(empty('campaign.none'));
    return;
  }
  const scores = itemsOf(await api.get<Page<EmployeeScore>>('/api/scores', { campaign: campaign.code, level: 'employee', page_size: 500 }));
  if (scores.length === 0) {
    context.root.append(h('p', { class: 'notice' }, t('coach.empty')));
    return;
  }
  const sorted = [...scores].sort((a, b) => (a.adjusted ?? 0) - (b.adjusted ?? 0));
  context.root.append(h('p', { class: 'lead' }, t('coach.intro', { n: scores.length })));
  const table = employeeScoreTable(t('coach.table'), sorted);
  context.root.append(section(t('coach.scores'), intervalChart(t('coach.chart'), sorted, table), explainAdjusted()));
}

export async function renderEvaluation(context: PageContext): Promise<void> {
  const evaluation = await api.get<Evaluation>(`/api/evaluations/${encodeURIComponent(context.params.id ?? '')}`);
  const rubric = await rubricFor(evaluation.rubric, evaluation.rubric_version);
  context.setTitle(t('evaluation.titleOn', { date: formatDateTime(evaluation.performed_at) }));
  context.root.append(section(t('evaluation.title'), evaluationView(evaluation, rubric)));
}
