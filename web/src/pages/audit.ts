// The audit log (admin and auditor, read only): who read or changed what, when, from where, and
// whose data; rows are hash-chained on the server.
import { api } from '../api';
import { h } from '../dom';
import { formatDateTime, t } from '../i18n';
import { dataTable, field, pager } from '../components/ui';
import type { PageContext } from '../routes';
import type { AuditEntry, Page } from '../types';

export async function render(context: PageContext): Promise<void> {
  const page = Number(context.query.get('page') ?? '1') || 1;
  const user = context.query.get('user') ?? '';
  const subject = context.query.get('subject') ?? '';
  const userInput = h('input', { type: 'search', name: 'user', value: user });
  const subjectInput = h('input', { type: 'search', name: 'subject', value: subject });
  context.root.append(
    h('p', { class: 'hint' }, t('audit.intro')),
    h('form', {
      class: 'filters', role: 'search', 'aria-label': t('audit.filters'),
      onsubmit: (e: Event) => { e.preventDefault(); context.setQuery({ user: userInput.value.trim() || null, subject: subjectInput.value.trim() || null, page: null }); },
    }, field(t('audit.user'), userInput), field(t('audit.subject'), subjectInput), h('button', { type: 'submit' }, t('scores.apply'))),
  );
  const result = await api.get<Page<AuditEntry>>('/api/audit-log', { page, page_size: 50, user: user || null, subject: subject || null });
  context.root.append(
    h('p', { class: 'lead', 'aria-live': 'polite' }, t('common.total', { n: result.total })),
    dataTable(t('audit.table'), [
      { header: t('audit.at'), rowHeader: true, cell: (e: AuditEntry) => formatDateTime(e.at) },
      { header: t('audit.user'), cell: (e) => [e.user ?? e.login, e.role ? `(${e.role})` : ''].filter(Boolean).join(' ') || '–' },
      { header: t('audit.ip'), cell: (e) => e.ip ?? '–' },
      { header: t('audit.subject'), cell: (e) => [e.subject_kind, e.subject].filter(Boolean).join(' ') || '–' },
      { header: t('audit.action'), cell: (e) => [e.action, e.route, e.detail].filter(Boolean).join(' · ') },
      { header: t('audit.hash'), cell: (e) => { const hash = e.row_hash ?? e.hash; return hash ? h('code', null, hash.slice(0, 12)) : '–'; } },
    ], result.items),
    pager(result, (p) => context.setQuery({ page: p })),
  );
}
