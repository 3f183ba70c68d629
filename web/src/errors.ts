// What went wrong, in the page's language. The server answers errors as
// {"error": {"code", "message", "fields": [{"field", "message"}]}}; its messages are in one
// language (and field problems are terse English for developers), so the pages word errors by
// their code and field problems by their field. The server's message is shown only for a code
// this catalogue does not know yet, so that nothing is lost when the server gains a code.
import { ApiError } from './api';
import { t } from './i18n';
import type { MessageKey } from './messages/ko';
import type { FieldError } from './types';

const CODES = new Set([
  'invalid_argument', 'not_found', 'already_exists', 'failed_precondition', 'unauthenticated', 'permission_denied',
  'unavailable', 'internal', 'malformed_request', 'unsupported_media_type', 'method_not_allowed', 'too_large',
  'too_many_requests', 'network',
]);

function has(key: string): key is MessageKey {
  return t(key as MessageKey) !== key;
}

// The sentence that says what went wrong. `localised` errors (made by the pages themselves)
// already speak the page's language.
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.localised) return error.message;
    // Too many requests: whatever the code, the answer is to wait.
    if (error.status === 429) return t('error.code.too_many_requests');
    if (CODES.has(error.code)) return t(`error.code.${error.code}` as MessageKey);
    // A body that was not the API's JSON (a proxy's page): the status says enough.
    if (/^http_\d+$/.test(error.code)) return t('error.code.http', { status: String(error.status) });
    return error.message || t('error.failed');
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

// Whether the message came from the server as it is (a code unknown here).
export function isServerWording(error: unknown): boolean {
  return error instanceof ApiError && !error.localised && error.status !== 429 && !CODES.has(error.code) && !/^http_\d+$/.test(error.code);
}

// The field a problem is about, named as the page names it: "reason" → 사유 / Reason,
// "observations/P04" → 평가 항목 P04, "caseload/2" → 담당 직원 3번째 값.
export function fieldLabel(field: string): string {
  if (field === '') return t('error.field.body');
  const key = `field.${field}`;
  if (has(key)) return t(key);
  const item = /^(?:observations|answers)\/([^/]+)/.exec(field);
  if (item?.[1]) return t('error.field.item', { id: item[1] });
  const entry = /^([^/]+)\/(\d+)$/.exec(field);
  if (entry?.[1] && entry[2] && has(`field.${entry[1]}`)) {
    return t('error.field.listEntry', { field: t(`field.${entry[1]}` as MessageKey), n: Number(entry[2]) + 1 });
  }
  // A field of a list entry ("actions/1/due_on" → 실천 과제 2번째 값: 기한) or of a bilingual
  // wording ("title/en" → 제목: 영어).
  const nested = /^([^/]+)\/(\d+)\/([^/]+)$/.exec(field);
  if (nested?.[1] && nested[2] && nested[3] && has(`field.${nested[1]}`) && has(`field.${nested[3]}`)) {
    const entry = t('error.field.listEntry', { field: t(`field.${nested[1]}` as MessageKey), n: Number(nested[2]) + 1 });
    return t('error.field.nested', { entry, part: t(`field.${nested[3]}` as MessageKey) });
  }
  const part = /^([^/]+)\/([^/]+)$/.exec(field);
  if (part?.[1] && part[2] && has(`field.${part[1]}`) && has(`field.${part[2]}`)) {
    return t('error.field.nested', { entry: t(`field.${part[1]}` as MessageKey), part: t(`field.${part[2]}` as MessageKey) });
  }
  return field;
}

// The problem with a field in the page's language. The server's field messages follow a few
// forms ("required: string", "must be an integer", "at most 4000 bytes", "unknown field"); any
// other becomes the general "check this value". `localised` errors keep their own words.
export function fieldProblem(field: FieldError, error?: unknown): string {
  if (error instanceof ApiError && error.localised) return field.message;
  const message = field.message.trim();
  if (/^required\b/i.test(message)) return t('error.field.required');
  if (/^must be (a|an|true)\b/i.test(message)) return t('error.field.type');
  const long = /^at most (\d+) bytes$/i.exec(message);
  if (long?.[1]) return t('error.field.tooLong', { n: Number(long[1]) });
  if (/^unknown field$/i.test(message)) return t('error.field.unknown');
  if (/^no such employee$/i.test(message)) return t('error.field.noSuchEmployee');
  return t('error.field.problem');
}
