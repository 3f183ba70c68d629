// Read view of one evaluation: what happened, item by item with the observation, the points and
// the monitor's note. Used by reviewers, coaches, department heads and employees.
import { api, itemsOf } from '../api';
import { h } from '../dom';
import { formatDateTime, formatNumber, pick, t } from '../i18n';
import type { Answer, Evaluation, Page, Rubric, RubricItem } from '../types';
import { channelLabel, dataTable, definitionList, stateBadge } from './ui';

let rubricCache: Promise<Rubric[]> | null = null;

// Rubrics the caller may read; roles without access get an empty list and item ids are shown.
export function rubrics(): Promise<Rubric[]> {
  rubricCache ??= api
    .get<Page<Rubric> | Rubric[]>('/api/rubrics', { page_size: 500 })
    .then((value) => itemsOf<Rubric>(value))
    .catch(() => []);
  return rubricCache;
}

export async function rubricFor(code: string, version?: number): Promise<Rubric | undefined> {
  const list = (await rubrics()).filter((r) => r.code === code);
  return list.find((r) => r.version === version) ?? list.sort((a, b) => b.version - a.version)[0];
}

export function levelLabel(level: number): string {
  return t(`level.${level}` as 'level.5');
}

export function describeAnswer(answer: Answer, item?: RubricItem): string {
  if (answer.not_applicable) return t('form.notApplicable');
  if (answer.level !== undefined && answer.level !== null) return `${levelLabel(answer.level)} (${answer.level})`;
  if (answer.count !== undefined && answer.count !== null) return t('form.ringsObserved', { n: answer.count }) + (answer.apologised ? ` · ${t('form.apologised')}` : '');
  if (answer.elements) {
    if (answer.elements.length === 0) return t('form.noneObserved');
    return answer.elements.map((id) => {
      const element = item?.elements?.find((e) => e.id === id);
      return element ? pick(element) : id;
    }).join(', ');
  }
  if (answer.observed !== undefined) return answer.observed ? t('form.yes') : t('form.no');
  return '–';
}

export function flagLabel(flag: string, rubric?: Rubric): string {
  const known = rubric?.flags.find((f) => f.id === flag);
  if (known) return pick(known);
  const key = `flag.${flag}` as 'flag.VOID';
  const text = t(key);
  return text === key ? flag : text;
}

export function evaluationFacts(evaluation: Evaluation, rubric?: Rubric): HTMLElement {
  return definitionList([
    [t('evaluation.state'), stateBadge(evaluation.state)],
    [t('evaluation.performedAt'), formatDateTime(evaluation.performed_at ?? evaluation.started_at)],
    [t('evaluation.channel'), channelLabel(evaluation.channel)],
    [t('evaluation.employee'), [evaluation.employee_name, evaluation.employee_no && `(${evaluation.employee_no})`].filter(Boolean).join(' ') || '–'],
    [t('evaluation.department'), evaluation.department_name ?? evaluation.department_code ?? '–'],
    ...(evaluation.monitor_ref || evaluation.monitor_code ? [[t('evaluation.monitor'), evaluation.monitor_ref ?? evaluation.monitor_code ?? ''] as [string, string]] : []),
    [t('evaluation.scenario'), evaluation.scenario_title ?? evaluation.scenario_code ?? '–'],
    [t('evaluation.total'), evaluation.total === null || evaluation.total === undefined ? '–' : t('evaluation.points', { n: formatNumber(evaluation.total) })],
    [t('evaluation.flags'), evaluation.flags.length ? evaluation.flags.map((f) => flagLabel(f, rubric)).join(', ') : t('common.none')],
    ...(evaluation.review_reason ? [[t('evaluation.reviewReason'), evaluation.review_reason] as [string, string]] : []),
  ]);
}

export function answersTable(evaluation: Evaluation, rubric?: Rubric): HTMLElement {
  const rows = evaluation.answers;
  // The caption names the contact, so several evaluations on one page keep distinct regions.
  const caption = `${t('evaluation.items')} · ${formatDateTime(evaluation.performed_at)}${evaluation.code ? ` · ${evaluation.code}` : ''}`;
  return dataTable(caption, [
    {
      header: t('evaluation.item'),
      rowHeader: true,
      cell: (a: Answer) => {
        const item = rubric?.items.find((i) => i.id === a.item);
        const named = a as Answer & { name_ko?: string; name_en?: string };
        const name = item ? pick(item) : named.name_ko ? pick(named, 'name') : '';
        return name ? `${a.item} ${name}` : a.item;
      },
    },
    { header: t('evaluation.observation'), cell: (a) => describeAnswer(a, rubric?.items.find((i) => i.id === a.item)) },
    {
      header: t('evaluation.pointsHeader'),
      numeric: true,
      cell: (a) => {
        const max = a.max_points ?? rubric?.items.find((i) => i.id === a.item)?.points;
        if (a.points === undefined || a.points === null) return a.not_applicable ? t('form.excluded') : '–';
        return max !== undefined && max !== null ? `${formatNumber(a.points)} / ${formatNumber(max)}` : formatNumber(a.points);
      },
    },
    { header: t('evaluation.note'), cell: (a) => a.note || '' },
  ], rows);
}

export function evaluationView(evaluation: Evaluation, rubric?: Rubric): HTMLElement {
  const parts: HTMLElement[] = [evaluationFacts(evaluation, rubric), answersTable(evaluation, rubric)];
  if (evaluation.notes) parts.push(h('div', { class: 'notes' }, h('h3', null, t('evaluation.notes')), h('p', null, evaluation.notes)));
  return h('div', { class: 'evaluation' }, parts);
}
