// The audit log (admin and auditor, read only): who read or changed whose data, when, from
// where; the server chains the rows by SHA-256, and the chain check is shown above the list.
import { api } from '../api';
import { bdi, h } from '../dom';
import { formatNumber, t } from '../i18n';
import { badge, dataTable, field, pager } from '../components/ui';
import type { PageContext } from '../routes';
import type { AuditEntry, Page } from '../types';

interface Verification { intact: boolean; checked: number; problem?: string; first_broken_id?: number | null }

export async function render(context: PageContext): Promise<void> {
  const page = Number(context.query.get('page') ?? '1') || 1;
  const login = context.query.get('login') ?? '';
  const subject = context.query.get('subject') ?? '';
  const loginInput = h('input', { type: 'search', name: 'login', value: login });
  const subjectInput = h('input', { type: 'search', name: 'subject', value: subject });
  context.root.append(
    h('p', { class: 'hint' }, t('audit.intro')),
    h('form', {
      class: 'filters', role: 'search', 'aria-label': t('audit.filters'),
      onsubmit: (e: Event) => { e.preventDefault(); context.setQuery({ login: loginInput.value.trim() || null, subject: subjectInput.value.trim() || null, page: null }); },
    }, field(t('audit.user'), loginInput), field(t('audit.subject'), subjectInput), h('button', { type: 'submit' }, t('scores.apply'))),
  );
  const [result, verification] = await Promise.all([
    api.get<Page<AuditEntry>>('/api/audit-log', { page, page_size: 50, login: login || null, subject: subject || null }),
    api.get<Verification>('/api/audit-log/verification').catch(() => null),
  ]);
  if (verification) {
    context.root.append(h('p', { class: verification.intact ? 'success' : 'error', role: 'status' },
      verification.intact
        ? t('audit.intact', { n: formatNumber(verification.checked, 0) })
        : t('audit.broken', { id: String(verification.first_broken_id ?? '?'), problem: verification.problem ?? '' })));
  }
  context.root.append(
    h('p', { class: 'lead' }, t('common.total', { n: result.total })),
    dataTable(t('audit.table'), [
      { header: t('audit.at'), rowHeader: true, cell: (e: AuditEntry) => e.at },
      { header: t('audit.user'), cell: (e) => (e.login || e.role ? [e.login ? bdi(e.login) : null, e.login && e.role ? ' ' : '', e.role ? `(${e.role})` : ''] : '–') },
      { header: t('audit.ip'), cell: (e) => (e.ip ? bdi(e.ip) : '–') },
      { header: t('audit.subject'), cell: (e) => (e.subject_kind || e.subject ? [e.subject_kind ?? '', e.subject_kind && e.subject ? ' ' : '', e.subject ? bdi(e.subject) : null] : '–') },
      { header: t('audit.action'), cell: (e) => [e.action ?? '', e.action && e.detail ? ' · ' : '', e.detail ? bdi(e.detail) : null] },
      { header: t('audit.hash'), cell: (e) => (e.row_hash ? h('code', null, e.row_hash.slice(0, 12)) : badge('–')) },
    ], result.items),
    pager(result, (p) => context.setQuery({ page: p })),
  );
}
