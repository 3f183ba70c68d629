// The training page over canned answers shaped as docs/coaching.md's training API: the sessions
// newest first, the JSON the form sends, field errors from a 422 (attendees named by number),
// completion by department as a chart with its table, one employee's history, the effect of
// training, and hostile text shown as text.
import './dom-setup';
import assert from 'node:assert/strict';
import { before, beforeEach, describe, it } from 'node:test';
import { installApi, type FakeApi } from './fake-api';
import { IMG, LONG, QUOTES, RTL, SCRIPT, assertSafe } from './hostile';
import { pageContext, routes as world } from './world';
import { setLocale } from '../src/i18n';
import * as training from '../src/pages/training';
import type { Rubric, TrainingCompletion, TrainingHistory, TrainingSession } from '../src/types';

const wording = (ko: string, en: string): { ko: string; en: string } => ({ ko, en });

function session(code: string, date: string, overrides: Partial<TrainingSession> = {}): TrainingSession {
  return {
    code, date, topic: '친절한 전화 응대', instructor: '김강사',
    items: [{ item_id: 'P02', name: wording('첫인사·소속·성명', 'Greeting, unit and name') }], attendees: 12,
    ...overrides,
  };
}

const SESSIONS = [
  session('T-01', '2021-05-03'),
  session('T-03', '2021-09-01', { topic: SCRIPT, instructor: RTL, attendees: 3 }),
  session('T-02', '2021-06-10', { topic: LONG, instructor: '', items: [] }),
];

const COMPLETION: TrainingCompletion = {
  items: [
    { department_code: 'D1', department_name: RTL, employees: 10, trained: 4, share: 0.4 },
    { department_code: 'D2', department_name: IMG, employees: 5, trained: 5, share: 1 },
    { department_code: 'D3', department_name: '', employees: 0, trained: 0, share: 0 },
    { department_code: 'D4', department_name: '복지정책과', employees: 8, trained: 2, share: 0.25 },
  ],
  total: { employees: 23, trained: 11, share: 11 / 23 },
};

const HISTORY: TrainingHistory = { employee_no: 'E001', employee_name: QUOTES, items: [SESSIONS[0]!, SESSIONS[2]!] };

const trainingRoutes: Record<string, unknown> = {
  ...world,
  'GET /api/training': { items: SESSIONS },
  'GET /api/training/completion': COMPLETION,
  'GET /api/training/history': (url: URL) => url.searchParams.get('employee_no') === 'E001'
    ? HISTORY
    : { status: 403, body: { error: { code: 'permission_denied', message: '볼 수 없습니다' } } },
  'GET /api/effect': (url: URL) => ({
    of: url.searchParams.get('of'), estimate: 1.2, ci90_low: -0.5, ci90_high: 2.9, shown: false, treated: 40, comparison: 300,
    treated_contacts: 52, method: 'mixed model', before_after: 3.1, difference_in_differences: 2.2,
    conclusion: wording('교육의 효과는 아직 분명하지 않습니다.', 'The effect of training is not clear yet.'),
  }),
};

const jsonBody = (init: RequestInit): Record<string, unknown> => JSON.parse(String(init.body)) as Record<string, unknown>;

let fake: FakeApi;

for (const language of ['ko', 'en'] as const) {
  describe(`training page (${language})`, () => {
    before(() => setLocale(language));
    beforeEach(() => { fake = installApi(trainingRoutes); });

    it('shows the sessions newest first, completion as a chart with its table and the effect of training', async () => {
      const { frame, context } = pageContext('admin', 'campaign=C1');
      await training.render(context);
      assertSafe(frame, { topic: SCRIPT, instructor: RTL, long: LONG, department: IMG, departmentRtl: RTL,
        item: language === 'ko' ? '첫인사·소속·성명' : 'Greeting, unit and name',
        conclusion: language === 'ko' ? '아직 분명하지 않습니다' : 'not clear yet' });
      const sessionRows = [...frame.querySelectorAll('table.data')[0]!.querySelectorAll('tbody tr')];
      assert.deepEqual(sessionRows.map((row) => row.querySelector('th')!.textContent), ['T-03', 'T-02', 'T-01']);
      // Completion: departments without employees left out, the highest share first.
      const figure = frame.querySelector('figure.chart-figure')!;
      assert.ok(figure, 'completion is charted');
      const completionRows = [...figure.querySelectorAll('.chart-numbers tbody tr')];
      assert.deepEqual(completionRows.map((row) => row.querySelector('th')!.textContent), [IMG, RTL, '복지정책과']);
      assert.match(completionRows[0]!.textContent ?? '', /100\s?%/);
      const label = figure.querySelector('.chart')!.getAttribute('aria-label')!;
      assert.ok(label.includes('48') && label.includes('25'), label);
      assert.ok(frame.querySelector('dl.facts')!.textContent!.includes('23'));
      // The effect of training alone, for the chosen campaign.
      assert.ok(fake.calls.includes('GET /api/effect?campaign=C1&of=training'));
      assert.ok(!fake.calls.some((call) => call.includes('of=coaching')));
      assert.ok(frame.querySelector('.effect'));
    });

    it('records a session: the JSON sent, the list and completion redrawn', async () => {
      let sent: Record<string, unknown> | null = null;
      fake = installApi({ ...trainingRoutes, 'POST /api/training': (_url: URL, init: RequestInit) => {
        sent = jsonBody(init);
        return { status: 201, body: session('T-09', '2021-10-05', { topic: '새 교육', attendees: 3 }) };
      } });
      const { frame, context } = pageContext('admin', 'campaign=C1');
      await training.render(context);
      const form = frame.querySelector<HTMLFormElement>('form.training-form')!;
      form.querySelector<HTMLInputElement>('[name="code"]')!.value = ' T-09 ';
      form.querySelector<HTMLInputElement>('[name="date"]')!.value = '2021-10-05';
      form.querySelector<HTMLInputElement>('[name="topic"]')!.value = '새 교육';
      form.querySelector<HTMLInputElement>('[name="instructor"]')!.value = '';
      // Items are chosen by name; each item once though two rubrics carry it.
      const boxes = [...form.querySelectorAll<HTMLInputElement>('input[type="checkbox"][name="items"]')];
      assert.deepEqual(boxes.map((box) => box.value), ['P01', 'P02', 'P03']);
      assert.ok(boxes.every((box) => box.closest('label')!.textContent!.trim() !== box.value));
      boxes[1]!.checked = true;
      form.querySelector<HTMLTextAreaElement>('[name="attendees"]')!.value = 'E001\nE002, E003\n\n  ';
      const completionCalls = fake.calls.filter((call) => call === 'GET /api/training/completion').length;
      form.requestSubmit();
      await until(() => frame.querySelector('form.training-form p.success'));
      assert.deepEqual(sent, { code: 'T-09', date: '2021-10-05', topic: '새 교육', instructor: '', items: ['P02'], attendees: ['E001', 'E002', 'E003'] });
      await until(() => frame.querySelectorAll('table.data')[0]!.querySelectorAll('tbody tr').length === 4);
      assert.equal(frame.querySelectorAll('table.data')[0]!.querySelector('tbody tr th')!.textContent, 'T-09');
      await until(() => fake.calls.filter((call) => call === 'GET /api/training/completion').length > completionCalls);
      assert.equal(form.querySelector<HTMLInputElement>('[name="code"]')!.value, '');
    });

    it('a 422 marks the named fields and the attendees by number', async () => {
      fake = installApi({ ...trainingRoutes, 'POST /api/training': { status: 422, body: { error: {
        code: 'invalid_argument', message: '교육 기록을 확인해 주세요',
        fields: [{ field: 'code', message: 'at most 40 bytes' }, { field: 'attendees/1', message: 'no such employee' }, { field: 'attendees/2', message: 'repeats attendees/0' }],
      } } } });
      const { frame, context } = pageContext('admin', 'campaign=C1');
      await training.render(context);
      const form = frame.querySelector<HTMLFormElement>('form.training-form')!;
      form.querySelector<HTMLInputElement>('[name="code"]')!.value = 'X'.repeat(41);
      form.querySelector<HTMLInputElement>('[name="topic"]')!.value = '주제';
      form.querySelector<HTMLTextAreaElement>('[name="attendees"]')!.value = `E001\nE404\nE001`;
      form.requestSubmit();
      await until(() => form.querySelector('[role="alert"]'));
      assert.equal(form.querySelector('[name="code"]')!.getAttribute('aria-invalid'), 'true');
      const attendees = form.querySelector('[name="attendees"]')!;
      assert.equal(attendees.getAttribute('aria-invalid'), 'true');
      const note = form.querySelector(`#${CSS.escape(attendees.getAttribute('aria-describedby')!.split(' ').pop()!)}`)!;
      assert.ok(note.textContent!.includes('E404') && note.textContent!.includes('E001'), note.textContent!);
      const listed = [...form.querySelectorAll('[data-field-error]')].map((li) => li.textContent ?? '');
      assert.ok(listed.some((text) => text.includes(language === 'ko' ? '참석자 2번째 값' : 'Attendees, entry 2')), listed.join(' | '));
    });

    it('looks up one employee\'s training history; refusal shows as an error', async () => {
      const { frame, context } = pageContext('admin', 'campaign=C1');
      await training.render(context);
      const form = frame.querySelector<HTMLFormElement>('form.inline-form')!;
      form.querySelector<HTMLInputElement>('[name="employee_no"]')!.value = ' E001 ';
      form.requestSubmit();
      await until(() => form.parentElement!.querySelector('table.data'));
      assert.ok(fake.calls.includes('GET /api/training/history?employee_no=E001'));
      assertSafe(form.parentElement!, { name: QUOTES, long: LONG });
      assert.deepEqual([...form.parentElement!.querySelectorAll('tbody th')].map((th) => th.textContent), ['T-02', 'T-01']);
      form.querySelector<HTMLInputElement>('[name="employee_no"]')!.value = 'E003';
      form.requestSubmit();
      await until(() => form.parentElement!.querySelector('[role="alert"]'));
      assert.equal(form.parentElement!.querySelector('table.data'), null);
    });
  });
}

describe('training helpers', () => {
  it('reads employee numbers one a line, or separated by commas and spaces', () => {
    assert.deepEqual(training.parseEmployeeNumbers(' E001\r\nE002,E003;  E004\t\n\n'), ['E001', 'E002', 'E003', 'E004']);
    assert.deepEqual(training.parseEmployeeNumbers('  \n '), []);
  });

  it('sorts completion by share and leaves out departments without employees', () => {
    assert.deepEqual(training.byShare(COMPLETION.items).map((r) => r.department_code), ['D2', 'D1', 'D4']);
  });

  it('offers each item once, from the latest version of each rubric', () => {
    const rubric = (code: string, version: number, ids: string[]): Rubric => ({
      code, channel: 'phone', version, name_ko: code, name_en: code, stages: [], flags: [],
      items: ids.map((id) => ({ id, stage: 's', ko: id, en: id, type: 'binary', points: 1 })),
    });
    const groups = training.rubricChoices([rubric('phone', 1, ['P01', 'P09']), rubric('phone', 2, ['P01', 'P02']), rubric('visit', 1, ['P02', 'V01'])]);
    assert.deepEqual(groups.map((g) => [g.rubric.code, g.rubric.version, g.items.map((i) => i.id)]), [['phone', 2, ['P01', 'P02']], ['visit', 1, ['V01']]]);
  });

  it('puts the newest session first', () => {
    assert.deepEqual(training.newestFirst(SESSIONS).map((s) => s.code), ['T-03', 'T-02', 'T-01']);
  });
});

async function until(ready: () => unknown, timeout = 3000): Promise<void> {
  const start = Date.now();
  while (!ready()) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${ready.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
