// The coaching pages over canned answers shaped as docs/coaching.md's HTTP API: what each role
// sees, the JSON each form and button sends, field errors from a 422, private notes kept from
// the employee whatever the answer holds, and hostile text shown as text.
import './dom-setup';
import assert from 'node:assert/strict';
import { before, beforeEach, describe, it } from 'node:test';
import { installApi, type FakeApi } from './fake-api';
import { IMG, LONG, QUOTES, RTL, SCRIPT, assertSafe } from './hostile';
import { pageContext, routes as world } from './world';
import { setLocale } from '../src/i18n';
import * as coaching from '../src/pages/coaching';
import type { CoachingPlan, CoachingPlanDetail, CoachingSession, Effect } from '../src/types';

const wording = (ko: string, en: string): { ko: string; en: string } => ({ ko, en });
const guidance = {
  title: wording('첫인사는 소속과 이름까지', 'Greet with unit and name'),
  good: wording('"민원지적과 김민준입니다"처럼 소속과 성명을 밝힙니다.', 'Say your unit and name.'),
  practice: wording('전화를 받을 때마다 소리 내어 연습합니다.', 'Practise aloud at every call.'),
};

function plan(id: number, overrides: Partial<CoachingPlan> = {}): CoachingPlan {
  return {
    id, campaign: 'C1', employee_no: `20210001${id}`, employee_name: '김민준', department_code: 'D1', department_name: '민원지적과',
    state: 'confirmed', adjusted: 72.4, ci90_low: 66, ci90_high: 78.9,
    reason: wording('공정 점수 80.0점 미만 (72.4점)', 'fair score below 80.0 (72.4)'),
    items: [
      { item_id: 'P02', name: wording('첫인사·소속·성명', 'Greeting, unit and name'), probability_weak: 0.95, achievement: 0.41, peer_mean: 0.83, guidance },
      { item_id: 'P05', name: wording('경청', 'Listening'), probability_weak: 0.7, achievement: 0.6, peer_mean: 0.8, guidance: null },
    ],
    coach: { login: 'coach', name: '데모 CS코치' }, created_at: '2021-09-20T09:00:00', confirmed_at: '2021-09-21T09:00:00',
    sessions: 1, open_actions: 1, overdue_actions: 0, next_follow_up: '2021-10-29',
    ...overrides,
  };
}

const PRIVATE_NOTE = '비공개: 가정사 때문에 힘들어함';

function session(overrides: Partial<CoachingSession> = {}): CoachingSession {
  return {
    id: 7, plan_id: 1, held_on: '2021-10-01', coach: { login: 'coach', name: '데모 CS코치' },
    discussed: [{ item_id: 'P02', name: wording('첫인사·소속·성명', 'Greeting, unit and name'), note: `소속을 밝히기로 함 ${SCRIPT}` }],
    notes_shared: `공유 메모 ${RTL} ${IMG}`, notes_private: PRIVATE_NOTE,
    actions: [
      { id: 3, text: '첫인사 연습 10회', due_on: '2021-10-15', done_on: null, overdue: true },
      { id: 4, text: `녹음 다시 듣기 ${QUOTES}`, due_on: '2021-10-20', done_on: '2021-10-10', overdue: false },
    ],
    follow_up_on: '2021-10-29', coach_confirmed_at: '2021-10-01T15:00:00', employee_confirmed_at: null,
    ...overrides,
  };
}

function detail(overrides: Partial<CoachingPlanDetail> = {}): CoachingPlanDetail {
  return {
    ...plan(1),
    evidence: [{ item_id: 'P02', contacts: [
      { performed_at: '2021-05-18T10:05:00', channel: 'phone', observed: wording('소속만 말함', 'unit only'), points: 3, max_points: 10, note: `소속만 말함 ${RTL}` },
      { performed_at: '2021-06-02T14:30:00', channel: 'visit', observed: wording('인사 없음', 'no greeting'), points: 0, max_points: 10, note: SCRIPT },
    ] }],
    sessions: [session()],
    ...overrides,
  };
}

const effect = (of: 'coaching' | 'training'): Effect => ({
  of, estimate: 4.8, ci90_low: 2.5, ci90_high: 7.0, shown: true, treated: 157, comparison: 1036, treated_contacts: 167,
  method: 'mixed model', before_after: 25.3, difference_in_differences: 28.6,
  conclusion: wording('코칭받은 직원의 점수가 코칭 덕분에 약 4.8점 올랐습니다.', 'Coaching raised the scores of those coached by about 4.8 points.'),
});

const jsonBody = (init: RequestInit): Record<string, unknown> => JSON.parse(String(init.body)) as Record<string, unknown>;

const PLANS = [
  plan(1, { employee_name: '이서연', adjusted: 60, ci90_low: 52, ci90_high: 68 }),
  plan(2, { employee_name: SCRIPT, state: 'proposed', coach: null, confirmed_at: null, sessions: 0, open_actions: 0, adjusted: 75 }),
  plan(3, { employee_name: `박지훈 ${RTL}`, adjusted: 78, overdue_actions: 2, open_actions: 2, department_name: IMG }),
];

const coachingRoutes: Record<string, unknown> = {
  ...world,
  'GET /api/coaching/plans': { items: PLANS },
  'GET /api/coaching/plans/1': detail(),
  'GET /api/users': { items: [
    { login: 'coach', role: 'coach', display_name: '데모 CS코치', active: true },
    { login: 'coach2', role: 'coach', display_name: RTL, active: true },
    { login: 'admin', role: 'admin', display_name: '관리자', active: true },
  ] },
  'GET /api/effect': (url: URL) => url.searchParams.get('of') === 'training'
    ? { status: 409, body: { error: { code: 'failed_precondition', message: `아직 교육받은 직원이 없습니다 ${SCRIPT}` } } }
    : effect('coaching'),
  'GET /api/coaching/library': { items: [
    { item_id: 'P02', ...guidance },
    { item_id: 'P05', title: wording(RTL, 'Listening'), good: wording(SCRIPT, 'Let them finish.'), practice: wording(LONG, 'Summarise back.') },
  ] },
  'GET /api/my/coaching': { plan: detail() },
};

let fake: FakeApi;

for (const language of ['ko', 'en'] as const) {
  describe(`coaching pages (${language})`, () => {
    before(() => setLocale(language));
    beforeEach(() => { fake = installApi(coachingRoutes); });

    it('admin: plans most urgent first, the effect with its chart and table, a 409 as a notice', async () => {
      const { frame, context } = pageContext('admin', 'campaign=C1');
      await coaching.renderPlans(context);
      assertSafe(frame, { script: SCRIPT, rtl: RTL, department: IMG, reason: language === 'ko' ? '공정 점수 80.0점 미만' : 'fair score below 80.0',
        item: language === 'ko' ? '첫인사·소속·성명' : 'Greeting, unit and name', coach: '데모 CS코치',
        conclusion: language === 'ko' ? '약 4.8점 올랐습니다' : 'about 4.8 points', trainingMessage: `아직 교육받은 직원이 없습니다 ${SCRIPT}` });
      const rows = [...frame.querySelectorAll('table.data tbody tr')].filter((row) => row.querySelector('a[href^="#/coaching/plans/"]'));
      assert.deepEqual(rows.map((row) => row.querySelector('a')!.getAttribute('href')), ['#/coaching/plans/3', '#/coaching/plans/1', '#/coaching/plans/2']);
      // Only the proposed plan offers confirmation, with the coaches to choose from.
      assert.equal(frame.querySelectorAll('form.inline-form select').length, 1);
      assert.equal(frame.querySelectorAll('form.inline-form option').length, 2);
      // The effect of coaching as a chart with its table; the training answer (409) as a notice.
      const figure = frame.querySelector('.effect figure.chart-figure');
      assert.ok(figure, 'the effect is charted');
      assert.match(figure!.querySelector('.chart-numbers')!.textContent ?? '', /\+25\.3/);
      assert.ok(figure!.querySelector('.chart')!.getAttribute('aria-label')!.includes('4.8'));
      const notice = frame.querySelectorAll('.effect .notice');
      assert.ok([...notice].some((n) => n.textContent?.includes('아직 교육받은 직원이 없습니다')));
      assert.ok(fake.calls.includes('GET /api/effect?campaign=C1&of=coaching'));
      assert.ok(fake.calls.includes('GET /api/effect?campaign=C1&of=training'));
    });

    it('admin: proposing sends the rules, a 409 shows as a notice', async () => {
      let sent: Record<string, unknown> | null = null;
      let refused = false;
      fake = installApi({ ...coachingRoutes, 'POST /api/campaigns/C1/coaching-plans': (_url: URL, init: RequestInit) => {
        sent = jsonBody(init);
        return refused ? { status: 409, body: { error: { code: 'failed_precondition', message: '결과 공개 전입니다' } } } : { proposed: 4, kept: 3 };
      } });
      const { frame, context } = pageContext('admin', 'campaign=C1');
      await coaching.renderPlans(context);
      const form = frame.querySelector<HTMLFormElement>('form.grid-form')!;
      form.querySelector<HTMLInputElement>('[name="below_score"]')!.value = '75';
      form.querySelector<HTMLInputElement>('[name="bottom_share"]')!.value = '10';
      form.querySelector<HTMLInputElement>('[name="max_items"]')!.value = '2';
      form.requestSubmit();
      await until(() => frame.querySelector('p.success'));
      assert.deepEqual(sent, { below_score: 75, bottom_share: 0.1, weak_probability: 0.9, max_items: 2 });
      assert.ok(frame.querySelector('p.success')!.textContent!.includes('4'));
      refused = true;
      form.requestSubmit();
      await until(() => frame.querySelector('form.grid-form + div .notice'));
      assert.ok(frame.textContent!.includes('결과 공개 전입니다'));
    });

    it('admin: confirming a proposed plan sends the coach and redraws the row', async () => {
      const calls: { path: string; body: Record<string, unknown> }[] = [];
      fake = installApi({ ...coachingRoutes, 'POST /api/coaching/plans/2/confirmation': (url: URL, init: RequestInit) => {
        calls.push({ path: url.pathname, body: jsonBody(init) });
        return plan(2, { employee_name: SCRIPT, adjusted: 75, coach: { login: 'coach2', name: '두번째 코치' } });
      } });
      const { frame, context } = pageContext('admin', 'campaign=C1');
      await coaching.renderPlans(context);
      const form = frame.querySelector<HTMLFormElement>('form.inline-form')!;
      form.querySelector<HTMLSelectElement>('select')!.value = 'coach2';
      form.requestSubmit();
      await until(() => frame.textContent!.includes('두번째 코치'));
      assert.deepEqual(calls, [{ path: '/api/coaching/plans/2/confirmation', body: { coach: 'coach2' } }]);
      assert.equal(frame.querySelectorAll('form.inline-form').length, 0);
    });

    it('admin: the library with an edit form per module', async () => {
      let sent: { path: string; body: Record<string, unknown> } | null = null;
      fake = installApi({ ...coachingRoutes, 'PUT /api/coaching/library/P05': (url: URL, init: RequestInit) => {
        sent = { path: url.pathname, body: jsonBody(init) };
        return { item_id: 'P05', ...(jsonBody(init) as object) };
      } });
      const { frame, context } = pageContext('admin');
      await coaching.renderLibrary(context);
      // The wording is in the form's controls; the heading names the module by its title.
      assertSafe(frame, language === 'ko' ? { title: RTL } : { title: 'Listening' });
      const card = frame.querySelector<HTMLElement>('[data-item="P05"]')!;
      assert.equal(card.querySelector<HTMLInputElement>('[name="title/ko"]')!.value, RTL);
      assert.equal(card.querySelector<HTMLTextAreaElement>('[name="good/ko"]')!.value, SCRIPT);
      card.querySelector<HTMLInputElement>('[name="title/en"]')!.value = 'Active listening';
      card.querySelector<HTMLTextAreaElement>('[name="practice/ko"]')!.value = '요약해서 되묻기';
      card.querySelector('form')!.requestSubmit();
      await until(() => card.querySelector('p.success'));
      assert.deepEqual(sent, { path: '/api/coaching/library/P05', body: {
        title: { ko: RTL, en: 'Active listening' }, good: { ko: SCRIPT, en: 'Let them finish.' }, practice: { ko: '요약해서 되묻기', en: 'Summarise back.' },
      } });
    });

    it('coach: the caseload puts overdue actions first, then the lowest score, and links each plan', async () => {
      const { frame, context } = pageContext('coach', 'campaign=C1');
      await coaching.renderCaseload(context);
      assertSafe(frame, { script: SCRIPT, rtl: RTL, department: IMG });
      const table = frame.querySelector('table.data')!;
      const rows = [...table.querySelectorAll('tbody tr')];
      assert.deepEqual(rows.map((r) => r.querySelector('a')?.getAttribute('href')), ['#/coaching/plans/3', '#/coaching/plans/1', '#/coaching/plans/2']);
      assert.ok(rows[0]!.classList.contains('overdue'), 'the plan with overdue actions is highlighted');
      assert.ok(rows[0]!.querySelector('.badge-bad'), 'and says so in words');
      assert.ok(!rows[1]!.classList.contains('overdue'));
      // The caseload's fair scores follow the plans.
      assert.ok(fake.calls.some((call) => call.startsWith('GET /api/scores?campaign=C1&level=employee')));
    });

    it('coach: the plan with guidance, evidence, sessions and private notes', async () => {
      const { frame, context } = pageContext('coach', '', { id: '1' });
      await coaching.renderPlanPage(context);
      assertSafe(frame, { note: `소속만 말함 ${RTL}`, script: SCRIPT, shared: `공유 메모 ${RTL} ${IMG}`, privateNote: PRIVATE_NOTE,
        action: `녹음 다시 듣기 ${QUOTES}`, good: language === 'ko' ? '소속과 성명을 밝힙니다' : 'Say your unit and name.' });
      const evidence = frame.querySelector('[data-item="P02"] table.data')!;
      assert.equal(evidence.querySelectorAll('tbody tr').length, 2);
      assert.ok(!/요원|monitor/i.test(evidence.textContent ?? ''), 'the evidence never names a monitor');
      assert.ok(frame.querySelector('li.action.overdue'), 'the overdue action is highlighted');
      assert.ok(frame.querySelector('form.session-form'), 'the coach records sessions here');
    });

    it('coach: after a later release the change is called a rise only when its interval lies above zero', async () => {
      for (const [low, high, claim] of [[1.2, 9.0, true], [-2.0, 7.5, false]] as const) {
        fake = installApi({ ...coachingRoutes, 'GET /api/coaching/plans/1': detail({
          outcome: { released_at: '2022-03-02T09:00:00', adjusted: 78.0, ci90_low: 71.0, ci90_high: 84.5, change: 5.6, change_low: low, change_high: high },
        }) });
        const { frame, context } = pageContext('coach', '', { id: '1' });
        await coaching.renderPlanPage(context);
        const text = frame.textContent ?? '';
        const rose = language === 'ko' ? '올랐습니다' : 'rose by';
        const unclear = language === 'ko' ? '말할 수 없습니다' : 'no change can be claimed';
        assert.equal(text.includes(rose), claim, `claims a rise only when shown (${low}..${high})`);
        assert.equal(text.includes(unclear), !claim);
      }
    });

    it('coach: the session form posts the agenda, notes, actions and dates, and shows a 422\'s field errors', async () => {
      const bodies: Record<string, unknown>[] = [];
      let answer: unknown = { status: 422, body: { error: { code: 'invalid_argument', message: 'invalid', fields: [
        { field: 'actions/1/due_on', message: 'required: date' }, { field: 'follow_up_on', message: 'must be a date' },
      ] } } };
      fake = installApi({ ...coachingRoutes, 'POST /api/coaching/plans/1/sessions': (_url: URL, init: RequestInit) => {
        bodies.push(jsonBody(init));
        return answer;
      } });
      const { frame, context } = pageContext('coach', '', { id: '1' });
      await coaching.renderPlanPage(context);
      const form = frame.querySelector<HTMLFormElement>('form.session-form')!;
      // The agenda: one point per plan item, pre-filled with the item's name and its evidence.
      const points = [...form.querySelectorAll<HTMLElement>('fieldset.discussion-point')];
      assert.deepEqual(points.map((p) => p.dataset.item), ['P02', 'P05']);
      const agenda = form.querySelector<HTMLTextAreaElement>('[name="discussed/0/note"]')!.value;
      assert.ok(agenda.startsWith(language === 'ko' ? '첫인사·소속·성명' : 'Greeting, unit and name'));
      assert.ok(agenda.includes(`소속만 말함 ${RTL}`) && agenda.includes('3/10'), agenda);
      form.querySelector<HTMLInputElement>('[name="held_on"]')!.value = '2021-10-08';
      form.querySelector<HTMLTextAreaElement>('[name="discussed/0/note"]')!.value = '소속과 이름을 말하기로 함';
      form.querySelector<HTMLInputElement>('[name="discussed-P05"]')!.checked = false;
      form.querySelector<HTMLTextAreaElement>('[name="notes_shared"]')!.value = ' 잘 들어 주었음 ';
      form.querySelector<HTMLTextAreaElement>('[name="notes_private"]')!.value = '코치만 보는 메모';
      form.querySelector<HTMLInputElement>('[name="actions/0/text"]')!.value = '첫인사 연습';
      form.querySelector<HTMLInputElement>('[name="actions/0/due_on"]')!.value = '2021-10-15';
      // A second action row, added with the button.
      [...form.querySelectorAll('button')].find((b) => b.textContent === (language === 'ko' ? '과제 추가' : 'Add an action'))!.click();
      form.querySelector<HTMLInputElement>('[name="actions/1/text"]')!.value = '녹음 듣기';
      form.querySelector<HTMLInputElement>('[name="follow_up_on"]')!.value = '2021-10-29';
      form.requestSubmit();
      await until(() => form.querySelector('.field-error'));
      assert.deepEqual(bodies[0], {
        held_on: '2021-10-08',
        discussed: [{ item_id: 'P02', note: '소속과 이름을 말하기로 함' }],
        notes_shared: '잘 들어 주었음',
        notes_private: '코치만 보는 메모',
        actions: [{ text: '첫인사 연습', due_on: '2021-10-15' }, { text: '녹음 듣기', due_on: '' }],
        follow_up_on: '2021-10-29',
      });
      const due = form.querySelector<HTMLInputElement>('[name="actions/1/due_on"]')!;
      assert.equal(due.getAttribute('aria-invalid'), 'true');
      assert.ok(document.getElementById(due.getAttribute('aria-describedby')!.split(' ').pop()!)?.classList.contains('field-error'));
      assert.equal(form.querySelector('[name="follow_up_on"]')!.getAttribute('aria-invalid'), 'true');
      const box = form.querySelector('.error')!;
      assert.ok(box.textContent!.replace(/[\u2066-\u2069]/g, '').includes(language === 'ko' ? '실천 과제 2번째 값' : 'Action points, entry 2'), box.textContent!);
      // Accepted: the new session joins the list and the form starts again.
      answer = { status: 201, body: session({ id: 8, held_on: '2021-10-08', notes_shared: '잘 들어 주었음', actions: [] }) };
      form.querySelector<HTMLInputElement>('[name="actions/1/due_on"]')!.value = '2021-10-20';
      form.requestSubmit();
      await until(() => frame.querySelector('[data-session="8"]'));
      assert.equal((bodies[1]!.actions as unknown[]).length, 2);
      assert.equal(form.querySelectorAll('.action-row').length, 1);
    });

    it('coach: the session form has labelled controls and touch targets of at least 44 px', async () => {
      const { frame, context } = pageContext('coach', '', { id: '1' });
      await coaching.renderPlanPage(context);
      const form = frame.querySelector<HTMLFormElement>('form.session-form')!;
      for (const control of form.querySelectorAll<HTMLElement>('input:not([type="checkbox"]), textarea')) {
        assert.ok(form.querySelector(`label[for="${control.id}"]`), `${control.getAttribute('name')} has a label`);
      }
      for (const control of form.querySelectorAll<HTMLElement>('button, input:not([type="checkbox"]), textarea, .touch-row')) {
        assert.ok(parseFloat(getComputedStyle(control).minHeight) >= 44, `${control.outerHTML.slice(0, 80)} is at least 44 px high`);
      }
    });

    it('coach: confirm and mark done call their endpoints and redraw the session', async () => {
      const calls: string[] = [];
      const unconfirmed = detail({ sessions: [session({ coach_confirmed_at: null })] });
      fake = installApi({ ...coachingRoutes, 'GET /api/coaching/plans/1': unconfirmed,
        'POST /api/coaching/sessions/7/confirmation': (url: URL) => { calls.push(url.pathname); return session(); },
        'POST /api/coaching/actions/3/completion': (url: URL) => {
          calls.push(url.pathname);
          return session({ actions: [{ id: 3, text: '첫인사 연습 10회', due_on: '2021-10-15', done_on: '2021-10-09', overdue: false }] });
        } });
      const { frame, context } = pageContext('coach', '', { id: '1' });
      await coaching.renderPlanPage(context);
      buttonIn(frame.querySelector('[data-session="7"]')!, language === 'ko' ? '면담 내용 확인' : 'Confirm this session').click();
      await until(() => calls.length === 1 && !buttonIn(frame.querySelector('[data-session="7"]')!, language === 'ko' ? '면담 내용 확인' : 'Confirm this session', false));
      buttonIn(frame.querySelector('[data-action="3"]')!, language === 'ko' ? '완료 표시' : 'Mark done').click();
      await until(() => calls.length === 2 && !frame.querySelector('[data-action="3"] button'));
      assert.deepEqual(calls, ['/api/coaching/sessions/7/confirmation', '/api/coaching/actions/3/completion']);
    });

    it('employee: their plan, never the private notes, with confirm and done buttons', async () => {
      const calls: string[] = [];
      fake = installApi({ ...coachingRoutes,
        'POST /api/coaching/sessions/7/confirmation': (url: URL) => { calls.push(url.pathname); return session({ employee_confirmed_at: '2021-10-02T09:00:00' }); },
        'POST /api/coaching/actions/3/completion': (url: URL) => { calls.push(url.pathname); return session({ employee_confirmed_at: '2021-10-02T09:00:00' }); } });
      const { frame, context } = pageContext('employee', 'campaign=C1');
      await coaching.renderMyCoaching(context);
      assert.ok(fake.calls.includes('GET /api/my/coaching?campaign=C1'));
      assertSafe(frame, { shared: `공유 메모 ${RTL} ${IMG}`, discussed: `소속을 밝히기로 함 ${SCRIPT}` });
      assert.ok(!frame.textContent!.includes(PRIVATE_NOTE), 'the private note is not shown to the employee');
      assert.equal(frame.querySelector('.private-notes'), null);
      assert.equal(frame.querySelector('form.session-form'), null, 'the employee records no sessions');
      buttonIn(frame, language === 'ko' ? '면담 내용 확인' : 'Confirm this session').click();
      await until(() => calls.length === 1);
      await until(() => frame.querySelector('[data-action="3"] button'));
      buttonIn(frame.querySelector('[data-action="3"]')!, language === 'ko' ? '완료 표시' : 'Mark done').click();
      await until(() => calls.length === 2);
      assert.deepEqual(calls, ['/api/coaching/sessions/7/confirmation', '/api/coaching/actions/3/completion']);
      // Still no private note after the session came back from the server.
      assert.ok(!frame.textContent!.includes(PRIVATE_NOTE));
    });

    it('employee: a friendly notice when there is no plan', async () => {
      fake = installApi({ ...coachingRoutes, 'GET /api/my/coaching': { plan: null } });
      const { frame, context } = pageContext('employee', 'campaign=C1');
      await coaching.renderMyCoaching(context);
      assert.ok(frame.querySelector('p.notice'));
      assert.equal(frame.querySelector('.error'), null);
    });

    it('department head: the department\'s plans with a chart by state and the table; a plan without private notes', async () => {
      let { frame, context } = pageContext('department_head', 'campaign=C1');
      await coaching.renderDepartmentCoaching(context);
      assertSafe(frame, { script: SCRIPT, rtl: RTL });
      const figure = frame.querySelector('figure.chart-figure')!;
      assert.ok(figure, 'plans by state are charted');
      assert.deepEqual([...figure.querySelectorAll('.chart-numbers tbody td')].map((td) => td.textContent), ['1', '2', '0']);
      assert.equal(frame.querySelectorAll('table.data').length, 2);
      ({ frame, context } = pageContext('department_head', '', { id: '1' }));
      await coaching.renderPlanPage(context);
      assert.ok(!frame.textContent!.includes(PRIVATE_NOTE));
      assert.equal(frame.querySelector('form.session-form'), null);
      assert.equal(frame.querySelector('[data-action] button'), null, 'a department head neither confirms nor completes');
    });
  });
}

function buttonIn(root: Element, text: string, required = true): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.startsWith(text));
  if (required) assert.ok(found, `a button "${text}"`);
  return found as HTMLButtonElement;
}

// Waits for the page's async handlers (fetch, then the DOM update) to settle.
async function until(ready: () => unknown, timeout = 3000): Promise<void> {
  const start = Date.now();
  while (!ready()) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${ready.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
