// Read view of one evaluation: what happened, item by item with the observation, the points and
// the monitor's note. Used by reviewers, the admin, coaches, department heads and employees.
import { api, itemsOf } from '../api';
import { bdi, h } from '../dom';
import { isolate } from '../bidi';
import { formatDateTime, formatNumber, pick, t } from '../i18n';
import type { Evaluation, EvaluationRow, List, ReadableContact, Rubric, RubricItem } from '../types';
import { decodeObservation, splitNotes, type Answer } from './observations';
import { channelLabel, dataTable, definitionList, stateBadge } from './ui';

let rubricCache: Promise<Rubric[]> | null = null;

// Rubrics the caller may read; roles without access get an empty list and item ids are shown.
export function rubrics(): Promise<Rubric[]> {
  rubricCache ??= api
    .get<List<Rubric>>('/api/rubrics')
    .then((value) => itemsOf<Rubric>(value))
    .catch(() => []);
  return rubricCache;
}

export function forgetRubrics(): void {
  rubricCache = null;
}

export async function rubricFor(code: string, version?: number): Promise<Rubric | undefined> {
  const list = (await rubrics()).filter((r) => r.code === code);
  return list.find((r) => r.version === version) ?? [...list].sort((a, b) => b.version - a.version)[0];
}

export function levelLabel(level: number): string {
  return t(`level.${level}` as 'level.5');
}

export function describeAnswer(answer: Answer, item?: RubricItem): string {
  if (answer.not_applicable) return t('form.notApplicable');
  if (answer.level !== undefined && !Number.isNaN(answer.level)) return `${levelLabel(answer.level)} (${answer.level})`;
  if (answer.count !== undefined && !Number.isNaN(answer.count)) return t('form.ringsObserved', { n: answer.count }) + (answer.apologised ? ` · ${t('form.apologised')}` : '');
  if (answer.observed !== undefined) return answer.observed ? t('form.yes') : t('form.no');
  if (answer.elements) {
    if (answer.elements.length === 0) return t('form.noneObserved');
    return answer.elements.map((id) => {
      const element = item?.elements?.find((e) => e.id === id);
      return element ? pick(element) : isolate(id);
    }).join(', ');
  }
  return '–';
}

export function flagLabel(flag: string, rubric?: Rubric): string {
  const known = rubric?.flags.find((f) => f.id === flag);
  if (known) return pick(known);
  const key = `flag.${flag}` as 'flag.VOID';
  const text = t(key);
  return text === key ? isolate(flag) : text;
}

export function monitorLabel(row: EvaluationRow): string | null {
  if (row.monitor) return row.monitor.name ? `${isolate(row.monitor.name)} (${isolate(row.monitor.code)})` : isolate(row.monitor.code);
  return row.monitor_ref ? isolate(row.monitor_ref) : null;
}

export function evaluationFacts(evaluation: Evaluation, rubric?: Rubric, departmentName?: string): HTMLElement {
  const monitor = monitorLabel(evaluation);
  const total = evaluation.score_detail?.total ?? evaluation.score;
  return definitionList([
    [t('evaluation.state'), stateBadge(evaluation.state)],
    [t('evaluation.performedAt'), formatDateTime(evaluation.performed_at)],
    [t('evaluation.channel'), channelLabel(evaluation.channel)],
    [t('evaluation.employee'), evaluation.employee_name
      ? [bdi(evaluation.employee_name), evaluation.employee_no ? ` (${isolate(evaluation.employee_no)})` : '']
      : evaluation.employee_no ? bdi(evaluation.employee_no) : '–'],
    [t('evaluation.department'), departmentName ? [bdi(departmentName), ` (${isolate(evaluation.department_code)})`] : evaluation.department_code ? bdi(evaluation.department_code) : '–'],
    ...(monitor ? [[t('evaluation.monitor'), monitor] as [string, string]] : []),
    [t('evaluation.scenario'), evaluation.scenario_code ? bdi(evaluation.scenario_code) : '–'],
    [t('evaluation.total'), total === null || total === undefined ? '–' : t('evaluation.points', { n: formatNumber(total) })],
    [t('evaluation.flags'), evaluation.flags.length ? evaluation.flags.map((f) => flagLabel(f, rubric)).join(', ') : t('common.none')],
    ...(evaluation.review_reason ? [[t('evaluation.reviewReason'), bdi(evaluation.review_reason)] as [string, HTMLElement]] : []),
  ]);
}

interface ItemRow { id: string; item?: RubricItem; answer?: Answer; points: number | null | undefined; max?: number; note?: string }

export function answersTable(evaluation: Evaluation, rubric?: Rubric): HTMLElement {
  const notes = splitNotes(evaluation.notes);
  const scored = new Map((evaluation.score_detail?.items ?? []).map((i) => [i.item_id, i]));
  const ids = rubric ? rubric.items.map((i) => i.id) : [...new Set([...Object.keys(evaluation.observations ?? {}), ...scored.keys()])];
  const rows: ItemRow[] = ids.map((id) => {
    const item = rubric?.items.find((i) => i.id === id);
    const cell = evaluation.observations?.[id];
    return {
      id, item,
      answer: cell === undefined ? undefined : decodeObservation(item, id, cell),
      points: scored.get(id)?.points,
      max: scored.get(id)?.max_points ?? item?.points,
      note: notes.items.get(id),
    };
  });
  // The caption names the contact, so several evaluations on one page keep distinct regions.
  const caption = `${t('evaluation.items')} · ${formatDateTime(evaluation.performed_at)} · ${isolate(evaluation.code)}`;
  return dataTable(caption, [
    { header: t('evaluation.item'), rowHeader: true, cell: (r: ItemRow) => (r.item ? `${isolate(r.id)} ${pick(r.item)}` : isolate(r.id)) },
    { header: t('evaluation.observation'), cell: (r) => (r.answer ? describeAnswer(r.answer, r.item) : '–') },
    {
      header: t('evaluation.pointsHeader'), numeric: true,
      cell: (r) => {
        if (r.points === undefined) return '–';
        if (r.points === null) return t('form.excluded');
        return r.max !== undefined ? `${formatNumber(r.points)} / ${formatNumber(r.max)}` : formatNumber(r.points);
      },
    },
    { header: t('evaluation.note'), cell: (r) => (r.note ? bdi(r.note) : '') },
  ], rows);
}

export function evaluationView(evaluation: Evaluation, rubric?: Rubric, departmentName?: string): HTMLElement {
  const overall = splitNotes(evaluation.notes).overall;
  const parts: HTMLElement[] = [evaluationFacts(evaluation, rubric, departmentName), answersTable(evaluation, rubric)];
  if (overall) parts.push(h('div', { class: 'notes' }, h('h3', null, t('evaluation.notes')), h('p', { class: 'pre' }, bdi(overall))));
  return h('div', { class: 'evaluation' }, parts);
}

// The contact as the server reads it out: what was observed in words under each item's name,
// the stage subtotals and the monitor's notes. Used wherever the evaluation carries `readable`.
export function readableView(evaluation: Evaluation, readable: ReadableContact, rubric?: Rubric): HTMLElement {
  const notes = splitNotes(evaluation.notes);
  const total = evaluation.score_detail?.total ?? evaluation.score;
  const facts = definitionList([
    [t('evaluation.performedAt'), formatDateTime(evaluation.performed_at)],
    [t('evaluation.channel'), channelLabel(evaluation.channel)],
    [t('evaluation.department'), readable.department_name ? bdi(readable.department_name) : '–'],
    [t('evaluation.scenario'), readable.scenario_title ? bdi(readable.scenario_title) : '–'],
    [t('evaluation.total'), total === null || total === undefined ? '–' : t('evaluation.points', { n: formatNumber(total) })],
    ...(evaluation.flags.length ? [[t('evaluation.flags'), evaluation.flags.map((f) => flagLabel(f, rubric)).join(', ')] as [string, string]] : []),
  ]);
  const caption = `${t('evaluation.items')} · ${formatDateTime(evaluation.performed_at)} · ${channelLabel(evaluation.channel)}`;
  type Line = ReadableContact['items'][number];
  const items = dataTable(caption, [
    { header: t('evaluation.item'), rowHeader: true, cell: (r: Line) => [h('span', null, pick(r.name)), h('br'), h('small', { class: 'hint' }, pick(r.stage))] },
    { header: t('evaluation.observation'), cell: (r) => (r.observed.ko ? pick(r.observed) : '–') },
    {
      header: t('evaluation.pointsHeader'), numeric: true,
      cell: (r) => (r.points === null ? t('form.excluded') : `${formatNumber(r.points)} / ${formatNumber(r.max_points)}`),
    },
    { header: t('evaluation.note'), cell: (r) => { const note = notes.items.get(r.item_id); return note ? bdi(note) : ''; } },
  ], readable.items);
  const stages = readable.stages.length
    ? h('p', { class: 'stage-totals' }, t('evaluation.stageTotals'), ' ', readable.stages.map((s, i) => [i ? ' · ' : '', `${pick(s.name)} ${formatNumber(s.points)}/${formatNumber(s.max_points)}`]))
    : null;
  const parts: (HTMLElement | null)[] = [facts, stages, items];
  if (notes.overall) parts.push(h('div', { class: 'notes' }, h('h3', null, t('evaluation.notes')), h('p', { class: 'pre' }, bdi(notes.overall))));
  return h('div', { class: 'evaluation' }, parts);
}
