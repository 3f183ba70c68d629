// The review queue (reviewers and the admin): submitted evaluations, each approved, returned to
// its monitor with a reason, or voided with a reason. Only approved evaluations count.
import { api, ApiError } from '../api';
import { announce, bdi, h } from '../dom';
import { isolate } from '../bidi';
import { formatDateTime, formatNumber, t } from '../i18n';
import { evaluationView, flagLabel, monitorLabel, rubricFor } from '../components/evaluation-view';
import { campaignPicker, campaigns, channelLabel, chooseCampaign, dataTable, departmentNames, empty, field, pager, section, showFormErrors, stateBadge } from '../components/ui';
import type { PageContext } from '../routes';
import type { Evaluation, EvaluationRow, Page } from '../types';

const STATES = ['submitted', 'returned', 'approved', 'void'] as const;

export async function renderQueue(context: PageContext): Promise<void> {
  const list = await campaigns();
  const campaign = await chooseCampaign(context.query);
  const state = STATES.find((s) => s === context.query.get('state')) ?? 'submitted';
  const page = Number(context.query.get('page') ?? '1') || 1;
  const done = context.query.get('done');
  if (done === 'approve' || done === 'return' || done === 'void') {
    context.root.append(h('p', { class: 'success', role: 'status' }, t(`review.done.${done}`)));
  }
  context.root.append(campaignPicker(list, campaign, (code) => context.setQuery({ campaign: code, page: null, done: null })));
  const stateSelect = h(
    'select',
    { name: 'state', onchange: (e: Event) => context.setQuery({ state: (e.target as HTMLSelectElement).value, page: null, done: null }) },
    STATES.map((s) => h('option', { value: s, selected: s === state }, t(`state.${s}`))),
  );
  context.root.append(h('div', { class: 'toolbar' }, field(t('review.stateFilter'), stateSelect)));
  if (!campaign) {
    context.root.append(empty('campaign.none'));
    return;
  }
  const [result, departments] = await Promise.all([
    api.get<Page<EvaluationRow>>('/api/evaluations', { campaign: campaign.code, state, page, page_size: 50 }),
    departmentNames(),
  ]);
  context.root.append(
    h('p', { class: 'lead', 'aria-live': 'polite' }, t('review.count', { n: result.total, state: t(`state.${state}`) })),
    dataTable(t('review.queueTable'), [
      { header: t('evaluation.code'), rowHeader: true, cell: (e: EvaluationRow) => h('a', { href: `#/review/${e.id}` }, e.code || `#${e.id}`) },
      { header: t('evaluation.performedAt'), cell: (e) => formatDateTime(e.performed_at) },
      { header: t('evaluation.channel'), cell: (e) => channelLabel(e.channel) },
      { header: t('evaluation.department'), cell: (e) => bdi(departments.get(e.department_code)?.name ?? e.department_code) },
      { header: t('evaluation.employee'), cell: (e) => (e.employee_name ? [bdi(e.employee_name), ` (${isolate(e.employee_no)})`] : bdi(e.employee_no)) },
      { header: t('evaluation.monitor'), cell: (e) => monitorLabel(e) ?? '–' },
      { header: t('evaluation.total'), numeric: true, cell: (e) => formatNumber(e.score) },
      { header: t('evaluation.flags'), cell: (e) => e.flags.map((f) => flagLabel(f)).join(', ') },
      { header: t('evaluation.state'), cell: (e) => stateBadge(e.state) },
    ], result.items),
    pager(result, (p) => context.setQuery({ page: p })),
  );
}

export async function renderDetail(context: PageContext): Promise<void> {
  const evaluation = await api.get<Evaluation>(`/api/evaluations/${encodeURIComponent(context.params.id ?? '')}`);
  const [rubric, departments] = await Promise.all([rubricFor(evaluation.rubric.code, evaluation.rubric.version), departmentNames()]);
  context.setTitle(t('review.detailTitleCode', { code: evaluation.code || `#${evaluation.id}` }));
  const back = h('p', null, h('a', { href: `#/review?campaign=${encodeURIComponent(evaluation.campaign)}` }, t('review.back')));
  context.root.append(back, section(t('review.contact'), evaluationView(evaluation, rubric, departments.get(evaluation.department_code)?.name)));
  if (evaluation.recording) {
    context.root.append(
      section(t('evaluation.recording'), h('audio', { controls: true, preload: 'none', src: `/api/evaluations/${evaluation.id}/recording`, 'aria-label': t('evaluation.recording') })),
    );
  }
  if (evaluation.state !== 'submitted') {
    context.root.append(h('p', { class: 'notice' }, t('review.notPending')));
    return;
  }
  context.root.append(section(t('review.decision'), reviewForm(context, evaluation)));
}

function reviewForm(context: PageContext, evaluation: Evaluation): HTMLElement {
  const reason = h('textarea', { name: 'reason', rows: 3, 'data-field': 'reason', maxlength: 1000 });
  const errors = h('div');
  const actions = ['approve', 'return', 'void'] as const;
  const radios = actions.map((action) =>
    h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'action', value: action, checked: action === 'approve', 'data-field': 'action' }), t(`review.${action}`)),
  );
  const submit = h('button', { type: 'submit', class: 'primary touch' }, t('review.submit'));
  const form = h(
    'form',
    {
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        errors.replaceChildren();
        const action = (form.querySelector<HTMLInputElement>('input[name="action"]:checked')?.value ?? 'approve') as (typeof actions)[number];
        if (action !== 'approve' && !reason.value.trim()) {
          errors.append(showFormErrors(form, new ApiError(422, 'invalid_argument', t('review.reasonRequired'), [{ field: 'reason', message: t('review.reasonRequired') }], true)));
          reason.focus();
          return;
        }
        submit.disabled = true;
        try {
          await api.post(`/api/evaluations/${evaluation.id}/review`, { action, reason: reason.value.trim() });
          announce(t(`review.done.${action}`));
          context.navigate(`/review?campaign=${encodeURIComponent(evaluation.campaign)}&done=${action}`);
        } catch (error) {
          errors.append(showFormErrors(form, error));
          submit.disabled = false;
        }
      },
    },
    errors,
    h('fieldset', null, h('legend', null, t('review.action')), radios),
    field(t('review.reason'), reason, t('review.reasonHint')),
    submit,
  );
  return form;
}
