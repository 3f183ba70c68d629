// Errors worded by code and field in the page's language: the server's Korean message never
// shows on an English page, its English field notes never on a Korean one, and only a code the
// pages do not know falls back to the server's message.
import './dom-setup';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { installApi } from './fake-api';
import { pageContext, routes } from './world';
import { ApiError, api } from '../src/api';
import { errorBox, showFormErrors } from '../src/components/ui';
import { fieldLabel } from '../src/errors';
import { setLocale, t } from '../src/i18n';
import { ko } from '../src/messages/ko';
import { en } from '../src/messages/en';
import * as account from '../src/pages/account';
import * as review from '../src/pages/review';

const HANGUL = /[\uAC00-\uD7A3]/;
const ENGLISH_WORD = /\b[A-Za-z]{3,}\b/;
const SERVER_CODES = ['invalid_argument', 'not_found', 'already_exists', 'failed_precondition', 'unauthenticated',
  'permission_denied', 'unavailable', 'internal', 'malformed_request', 'unsupported_media_type', 'method_not_allowed',
  'too_large', 'too_many_requests'];
const STATUS: Record<string, number> = { invalid_argument: 422, not_found: 404, already_exists: 409, failed_precondition: 409,
  unauthenticated: 401, permission_denied: 403, unavailable: 503, internal: 500, malformed_request: 400,
  unsupported_media_type: 415, method_not_allowed: 405, too_large: 413, too_many_requests: 429 };

// The server's own words: Korean messages, English field notes (src/adapters/http).
const serverError = (code: string): ApiError => new ApiError(STATUS[code] ?? 400, code, '서버가 보낸 문구입니다', [
  { field: 'reason', message: 'required: string' },
  { field: 'current_password', message: 'must be a string' },
  { field: 'notes', message: 'at most 4000 bytes' },
  { field: 'observations/P04', message: 'the rubric has no such item' },
  { field: 'caseload/2', message: 'must be an employee number' },
  { field: 'surprise', message: 'unknown field' },
]);

function onlyLanguage(text: string, language: 'ko' | 'en', what: string): void {
  if (language === 'en') assert.ok(!HANGUL.test(text), `Korean on an English page (${what}): ${text}`);
  // Field ids such as P04 and numbers may stand in Korean text; English words may not.
  else assert.ok(!ENGLISH_WORD.test(text.replace(/\bHTTP\b/g, '')), `English on a Korean page (${what}): ${text}`);
}

describe('error catalogues', () => {
  it('word every server error code in both languages', () => {
    for (const code of [...SERVER_CODES, 'network']) {
      const key = `error.code.${code}` as keyof typeof ko;
      assert.ok(ko[key], `ko has no ${key}`);
      assert.ok(en[key], `en has no ${key}`);
    }
  });
});

for (const language of ['ko', 'en'] as const) {
  describe(`errors on a ${language === 'ko' ? 'Korean' : 'English'} page`, () => {
    afterEach(() => setLocale('ko'));

    it('word each known code in the page\'s language, never the server\'s message', () => {
      setLocale(language);
      for (const code of SERVER_CODES) {
        const box = errorBox(serverError(code));
        const text = (box.textContent ?? '').replace('surprise', '');
        assert.ok(!text.includes('서버가 보낸 문구입니다'), `${code}: the server's message is shown`);
        onlyLanguage(text, language, code);
        assert.ok(text.includes(code === 'too_many_requests' ? t('error.code.too_many_requests') : t(`error.code.${code}` as 'error.code.internal')), code);
      }
    });

    it('name each field and its problem in the page\'s language', () => {
      setLocale(language);
      const box = errorBox(serverError('invalid_argument'));
      const items = [...box.querySelectorAll('li')].map((li) => li.textContent ?? '');
      assert.deepEqual(items, [
        `${t('field.reason' as 'field.reason')}: ${t('error.field.required')}`,
        `${t('field.current_password')}: ${t('error.field.type')}`,
        `${t('field.notes')}: ${t('error.field.tooLong', { n: 4000 })}`,
        `${t('error.field.item', { id: 'P04' })}: ${t('error.field.problem')}`,
        `${t('error.field.listEntry', { field: t('field.caseload'), n: 3 })}: ${t('error.field.type')}`,
        `surprise: ${t('error.field.unknown')}`,
      ]);
      for (const item of items) onlyLanguage(item.replace('surprise', ''), language, item);
    });

    it('fall back to the server\'s message only for an unknown code', () => {
      setLocale(language);
      const box = errorBox(new ApiError(418, 'teapot_rules', '서버의 새 오류입니다'));
      assert.ok(box.textContent?.includes('서버의 새 오류입니다'));
      assert.ok(box.textContent?.includes(t('error.failed')));
    });

    it('word a non-JSON answer by its status and a lost connection as such', async () => {
      setLocale(language);
      globalThis.fetch = (async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html' } })) as typeof fetch;
      const proxy = await api.get('/api/campaigns').catch((error: unknown) => error);
      assert.ok(proxy instanceof ApiError);
      assert.equal(errorBox(proxy).textContent, t('error.code.http', { status: '502' }));
      globalThis.fetch = (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch;
      const offline = await api.get('/api/campaigns').catch((error: unknown) => error);
      assert.equal(errorBox(offline).textContent, t('error.code.network'));
    });

    it('put each field\'s problem under its input', () => {
      setLocale(language);
      const form = document.createElement('form');
      const input = document.createElement('textarea');
      input.setAttribute('data-field', 'reason');
      form.append(input);
      document.body.append(form);
      showFormErrors(form, serverError('invalid_argument'));
      assert.equal(input.getAttribute('aria-invalid'), 'true');
      assert.equal(form.querySelector('.field-error')?.textContent, t('error.field.required'));
      form.remove();
    });

    it('keep the words of errors the pages made themselves', () => {
      setLocale(language);
      const own = new ApiError(422, 'invalid_argument', t('review.reasonRequired'), [{ field: 'reason', message: t('review.reasonRequired') }], true);
      const box = errorBox(own);
      assert.ok(box.textContent?.includes(t('review.reasonRequired')));
      assert.equal(box.querySelector('li')?.textContent, `${t('field.reason')}: ${t('review.reasonRequired')}`);
    });

    it('on a real page: a refused password change and a review the server turns down', async () => {
      setLocale(language);
      installApi({
        ...routes,
        'POST /api/password': { status: 422, body: { error: { code: 'invalid_argument', message: '현재 비밀번호가 맞지 않습니다', fields: [{ field: 'current_password', message: 'does not match' }, { field: 'new_password', message: 'at most 1024 bytes' }] } } },
        'POST /api/evaluations/1/review': { status: 409, body: { error: { code: 'failed_precondition', message: '이미 승인된 평가입니다' } } },
      });
      let { frame, context } = pageContext('employee');
      await account.render(context);
      frame.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      let alert = frame.querySelector('.error');
      assert.ok(alert, 'no error shown');
      onlyLanguage(alert.textContent ?? '', language, 'password change');
      assert.ok(alert.textContent?.includes(t('error.code.invalid_argument')));
      assert.equal(frame.querySelector('[data-field="new_password"] + .field-error')?.textContent, t('error.field.tooLong', { n: 1024 }));

      ({ frame, context } = pageContext('reviewer', '', { id: '1' }));
      await review.renderDetail(context);
      frame.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      alert = frame.querySelector('.error');
      assert.ok(alert, 'no error shown');
      assert.equal(alert.textContent, t('error.code.failed_precondition'));
    });
  });
}

describe('field labels', () => {
  it('name fields of every kind', () => {
    setLocale('en');
    assert.equal(fieldLabel('observations/P04'), 'Item P04');
    assert.equal(fieldLabel('flags/0'), 'Flags, entry 1');
    assert.equal(fieldLabel(''), 'Request body');
    assert.equal(fieldLabel('P05'), 'P05');
    assert.equal(fieldLabel('actions/1/due_on'), 'Action points, entry 2: Due date');
    assert.equal(fieldLabel('title/en'), 'Title: English');
    assert.equal(fieldLabel('actions/1/colour'), 'actions/1/colour');
    setLocale('ko');
    assert.equal(fieldLabel('reason'), '사유');
    assert.equal(fieldLabel('discussed/0/note'), '다룬 항목 1번째 값: 논의 내용');
    assert.equal(fieldLabel('practice/ko'), '연습 방법: 한국어');
  });
});
