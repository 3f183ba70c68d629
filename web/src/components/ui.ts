// Shared building blocks: headings, error boxes that name the fields, data tables, pagers,
// definition lists and the campaign picker.
import { ApiError, api, itemsOf } from '../api';
import { bdi, h, uid, type Child } from '../dom';
import { isolate } from '../bidi';
import { t } from '../i18n';
import { errorMessage, fieldLabel, fieldProblem, isServerWording } from '../errors';
import type { MessageKey } from '../messages/ko';
import type { PageContext } from '../routes';
import type { Campaign, List, Page } from '../types';

export function section(title: string, ...children: Child[]): HTMLElement {
  const id = uid('sec');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

export function loading(): HTMLElement {
  return h('p', { class: 'muted', role: 'status' }, t('common.loading'));
}

export function empty(key: MessageKey = 'common.empty'): HTMLElement {
  return h('p', { class: 'muted' }, t(key));
}

// Describes a failure in the page's language (errors.ts): the error's code worded by the
// page, each field named as the page names it with its problem. Only an error code the pages do
// not know shows the server's own message.
export function errorBox(error: unknown): HTMLElement {
  const box = h('div', { class: 'error', role: 'alert', 'data-code': error instanceof ApiError ? error.code : null });
  const message = errorMessage(error);
  box.append(h('p', null, isServerWording(error) || !(error instanceof ApiError) ? [h('strong', null, t('error.failed')), ' ', bdi(message)] : h('strong', null, message)));
  if (error instanceof ApiError && error.fields.length > 0) {
    box.append(h('ul', null, error.fields.map((field) => fieldItem(field, error))));
  }
  return box;
}

function fieldItem(field: { field: string; message: string }, error: ApiError): HTMLElement {
  const label = fieldLabel(field.field);
  return h('li', { 'data-field-error': field.field }, label === field.field ? h('code', null, bdi(label)) : label, ': ', bdi(fieldProblem(field, error)));
}

// Marks inputs named by an ApiError (data-field="login" or "answers/3/level") as invalid and
// puts the field's problem under each; returns the error box to show above the form.
export function showFormErrors(form: HTMLElement, error: unknown): HTMLElement {
  form.querySelectorAll('[aria-invalid="true"]').forEach((el) => el.removeAttribute('aria-invalid'));
  form.querySelectorAll('.field-error').forEach((el) => el.remove());
  if (error instanceof ApiError) {
    for (const field of error.fields) {
      const input = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(field.field)}"]`);
      if (!input) continue;
      const id = uid('err');
      input.setAttribute('aria-invalid', 'true');
      const described = input.getAttribute('aria-describedby');
      input.setAttribute('aria-describedby', described ? `${described} ${id}` : id);
      input.insertAdjacentElement('afterend', h('p', { id, class: 'field-error' }, bdi(fieldProblem(field, error))));
    }
  }
  return errorBox(error);
}

export interface Column<T> {
  header: string;
  cell: (row: T) => Child;
  numeric?: boolean;
  rowHeader?: boolean;
}

export function dataTable<T>(caption: string, columns: Column<T>[], rows: T[], options: { captionHidden?: boolean } = {}): HTMLElement {
  if (rows.length === 0) return empty();
  const table = h(
    'table',
    { class: 'data' },
    h('caption', { class: options.captionHidden ? 'visually-hidden' : null }, caption),
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : null }, c.header)))),
    h(
      'tbody',
      null,
      rows.map((row) =>
        h(
          'tr',
          null,
          columns.map((c) =>
            c.rowHeader
              ? h('th', { scope: 'row', class: c.numeric ? 'num' : null }, c.cell(row))
              : h('td', { class: c.numeric ? 'num' : null }, c.cell(row)),
          ),
        ),
      ),
    ),
  );
  // Wide tables scroll inside their own keyboard-focusable region on small screens.
  return h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': caption }, table);
}

export function pager(page: Page<unknown>, go: (page: number) => void): HTMLElement {
  // Some lists come whole ({items} only): then there is a single page.
  const total = typeof page.total === 'number' ? page.total : page.items.length;
  const size = typeof page.page_size === 'number' && page.page_size > 0 ? page.page_size : Math.max(1, total);
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1) return h('p', { class: 'muted' }, t('common.total', { n: total }));
  return h(
    'nav',
    { class: 'pager', 'aria-label': t('common.pages') },
    h('button', { type: 'button', disabled: page.page <= 1, onclick: () => go(page.page - 1) }, t('common.previous')),
    h('span', null, t('common.pageOf', { page: page.page, pages, total })),
    h('button', { type: 'button', disabled: page.page >= pages, onclick: () => go(page.page + 1) }, t('common.next')),
  );
}

export function definitionList(rows: [string, Child][]): HTMLElement {
  return h('dl', { class: 'facts' }, rows.map(([term, value]) => h('div', null, h('dt', null, term), h('dd', null, value))));
}

export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || uid('f');
  control.id = id;
  let hintNode: HTMLElement | null = null;
  if (hint) {
    const hintId = uid('hint');
    hintNode = h('p', { id: hintId, class: 'hint' }, hint);
    control.setAttribute('aria-describedby', hintId);
  }
  return h('div', { class: 'field' }, h('label', { for: id }, label), hintNode, control);
}

export function badge(text: string, tone: 'ok' | 'warn' | 'bad' | 'info' = 'info'): HTMLElement {
  return h('span', { class: `badge badge-${tone}` }, text);
}

export function stateBadge(state: string): HTMLElement {
  const tone = state === 'approved' ? 'ok' : state === 'returned' ? 'warn' : state === 'void' ? 'bad' : 'info';
  const key = `state.${state}` as MessageKey;
  return badge(t(key) === key ? state : t(key), tone);
}

export function channelLabel(channel: string): string {
  return channel === 'visit' ? t('channel.visit') : t('channel.phone');
}

let departmentCache: Promise<Map<string, { name: string; group: string }>> | null = null;

// Department names by code, as far as the caller may read them (empty when not at all).
export function departmentNames(): Promise<Map<string, { name: string; group: string }>> {
  departmentCache ??= api
    .get<List<{ code: string; name: string; group: string }>>('/api/departments')
    .then((list) => new Map(itemsOf(list).map((d) => [d.code, { name: d.name, group: d.group }])))
    .catch(() => new Map());
  return departmentCache;
}

let campaignCache: Campaign[] | null = null;

export async function campaigns(): Promise<Campaign[]> {
  if (!campaignCache) campaignCache = itemsOf(await api.get<List<Campaign>>('/api/campaigns'));
  return campaignCache;
}

export function forgetCampaigns(): void {
  campaignCache = null;
}

// The campaign named in the URL's ?campaign=, else the latest one with something to show
// (released results or evaluations), else the latest one.
export async function chooseCampaign(query: URLSearchParams): Promise<Campaign | null> {
  const list = [...(await campaigns())].sort((a, b) => a.start.localeCompare(b.start));
  const wanted = list.find((c) => c.code === query.get('campaign'));
  if (wanted) return wanted;
  const withData = list.filter((c) => c.results_released_at || (c.counts?.evaluations ?? 0) > 0);
  return withData[withData.length - 1] ?? list[list.length - 1] ?? null;
}

// The page's campaign with its picker above the page; null (after saying there is none) when
// the organisation has no campaign yet.
export async function campaignHeader(context: PageContext): Promise<Campaign | null> {
  const list = await campaigns();
  const campaign = await chooseCampaign(context.query);
  context.root.append(campaignPicker(list, campaign, (code) => context.setQuery({ campaign: code })));
  if (!campaign) context.root.append(empty('campaign.none'));
  return campaign;
}

export function campaignPicker(list: Campaign[], selected: Campaign | null, onChange: (code: string) => void): HTMLElement {
  if (list.length <= 1) {
    return h('p', { class: 'campaign-line' }, t('campaign.label'), ': ', h('strong', null, selected ? [bdi(selected.name), ` (${selected.code})`] : '–'));
  }
  const select = h(
    'select',
    { onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) },
    list.map((c) => h('option', { value: c.code, selected: c.code === selected?.code }, `${isolate(c.name)} (${c.code})`)),
  );
  return h('div', { class: 'toolbar' }, field(t('campaign.label'), select));
}
