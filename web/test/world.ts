// A programme whose every free-text field is hostile: the canned API answers the page tests
// render. Names, notes, reasons, titles and codes cycle through the hostile texts.
import { ALL, EMOJI, IMG, LONG, QUOTES, RTL, SCRIPT, ZERO_WIDTH } from './hostile-text';
import type { PageContext } from '../src/routes';
import type { Role, User } from '../src/types';

export const NAMES = [SCRIPT, IMG, QUOTES, RTL, ZERO_WIDTH, LONG, EMOJI];

export const campaign = {
  code: 'C1', name: `${QUOTES}${RTL}`, start: '2021-05-01', end: '2021-06-30',
  rounds: [{ number: 1, start: '2021-05-01', end: '2021-06-30' }],
  results_released_at: '2021-07-01T09:00:00', objection_deadline: '2099-07-15',
  counts: { evaluations: 7, approved: 7, pending: 0, void_or_unanswered: 0, employees_evaluated: 7 },
};
export const otherCampaign = { ...campaign, code: 'C0', name: EMOJI, start: '2020-05-01', end: '2020-06-30', counts: undefined, results_released_at: null };

export const departments = [
  { code: 'D1', name: RTL, group: 'gu' },
  { code: 'D2', name: SCRIPT, group: 'dong' },
  { code: 'D3', name: LONG, group: 'gu' },
];

export const rubric = {
  code: 'phone-default', channel: 'phone', version: 1, name_ko: IMG, name_en: IMG,
  stages: [{ code: 'open', ko: RTL, en: RTL, points: 60 }],
  items: [
    { id: 'P01', stage: 'open', ko: QUOTES, en: QUOTES, type: 'binary', points: 30, check_ko: SCRIPT },
    { id: 'P02', stage: 'open', ko: EMOJI, en: EMOJI, type: 'tiered', points: 30, observe: 'ring_count', tiers: [{ max_rings: 3, points: 30 }] },
    { id: 'P03', stage: 'open', ko: RTL, en: RTL, type: 'checklist', points: 10, elements: [{ id: 'a', ko: ZERO_WIDTH, en: ZERO_WIDTH, points: 10 }] },
  ],
  flags: [{ id: 'ANSWERED_BY_COLLEAGUE', ko: RTL, en: RTL }, { id: 'VOID', ko: SCRIPT, en: SCRIPT }],
};

export const rows = NAMES.map((name, i) => ({
  id: i + 1, code: `E${i + 1}`, campaign: 'C1', employee_no: `1000${i}`, employee_name: name,
  department_code: 'D1', scenario_code: 'S1', channel: 'phone', performed_at: '2021-05-10T10:00:00', round: 1,
  state: 'submitted', score: 80, flags: [QUOTES], monitor: { code: 'M1', name: RTL }, acknowledged: false,
  objection: i === 1 ? { id: 9, evaluation_id: 2, reason: `${SCRIPT}${RTL}`, state: 'rejected', decision_reason: `${IMG}${LONG}` } : null,
}));

export function evaluation(id: number): Record<string, unknown> {
  const row = rows[(id - 1) % rows.length]!;
  return {
    ...row,
    rubric: { code: 'phone-default', version: 1 },
    observations: { P01: '1', P02: '4a', P03: 'a' },
    score_detail: { total: 80, items: [{ item_id: 'P01', points: 30, max_points: 30 }, { item_id: 'P02', points: 20, max_points: 30 }] },
    review_reason: `${SCRIPT} ${RTL}`,
    notes: `${IMG}\n${LONG}\n${EMOJI}\n[P01] ${RTL}\n[P02] ${QUOTES}\n[P03] ${ZERO_WIDTH}`,
    recording: null,
  };
}

export const assignments = NAMES.map((name, i) => ({
  code: `A${i + 1}`, campaign: 'C1', round: 1, channel: i % 2 ? 'visit' : 'phone', employee_no: `1000${i}`,
  department_code: 'D1', date: '2021-05-10', start: '10:00', duration_minutes: 20, monitor_code: 'M1',
  scenario_code: 'S1', released: true, employee_name: name, phone: QUOTES, department_name: RTL,
  scenario_title: IMG, scenario_script: `${SCRIPT}\n${LONG}`, evaluation_id: null, status: 'planned',
}));

export const employeeScores = NAMES.map((name, i) => ({
  employee_no: `1000${i}`, name, department_code: i % 2 ? 'D1' : 'D2', contacts: 4, raw_mean: 80 + i,
  adjusted: 81 + i, ci90_low: 75, ci90_high: 90, grade: 'A', p_S: 0.1, p_A: 0.6, p_B: 0.2, p_C: 0.1, uncertain: i === 3,
}));

export const objections = NAMES.map((name, i) => ({
  id: i + 1, evaluation_id: i + 1, evaluation_code: `E${i + 1}`, campaign: 'C1', employee_no: `1000${i}`,
  employee_name: name, reason: NAMES[(i + 3) % NAMES.length], filed_at: '2021-07-02T10:00:00',
  state: i % 2 ? 'open' : 'rejected', decision_reason: i % 2 ? null : `${RTL}${SCRIPT}`,
}));

export const auditEntries = NAMES.map((name, i) => ({
  id: i + 1, at: '2021-07-02T10:00:00', login: name, role: 'admin', ip: QUOTES, action: 'read',
  subject_kind: 'employee', subject: RTL, detail: NAMES[(i + 2) % NAMES.length], row_hash: 'abcdef0123456789',
}));

export const users = NAMES.map((name, i) => ({
  login: `user${i}${i === 2 ? QUOTES : ''}`, role: (['admin', 'coach', 'employee'] as Role[])[i % 3]!, display_name: name,
  employee_no: `1000${i}`, active: i % 2 === 0, caseload: [RTL],
}));

// Coaching plans whose names, reasons, items, notes and actions are hostile (docs/coaching.md).
const hostileWording = (text: string): { ko: string; en: string } => ({ ko: text, en: text });
export const coachingPlans = NAMES.map((name, i) => ({
  id: i + 1, campaign: 'C1', employee_no: `1000${i}`, employee_name: name, department_code: 'D1', department_name: NAMES[(i + 1) % NAMES.length]!,
  state: (['proposed', 'confirmed', 'closed'] as const)[i % 3]!, adjusted: 60 + i, ci90_low: 50 + i, ci90_high: 70 + i,
  reason: hostileWording(NAMES[(i + 2) % NAMES.length]!),
  items: [{ item_id: 'P01', name: hostileWording(QUOTES), probability_weak: 0.9, achievement: 0.4, peer_mean: 0.8,
    guidance: { title: hostileWording(SCRIPT), good: hostileWording(RTL), practice: hostileWording(LONG) } }],
  coach: i % 3 === 0 ? null : { login: 'coach', name: RTL }, created_at: '2021-09-20T09:00:00', confirmed_at: null,
  sessions: 1, open_actions: 1, overdue_actions: i % 2, next_follow_up: '2021-10-29',
}));
export const coachingSession = {
  id: 7, plan_id: 1, held_on: '2021-10-01', coach: { login: 'coach', name: IMG },
  discussed: [{ item_id: 'P01', name: hostileWording(QUOTES), note: `${SCRIPT}\n${LONG}` }],
  notes_shared: `${RTL}\n${EMOJI}`, notes_private: `${IMG}${ZERO_WIDTH}`,
  actions: [{ id: 3, text: `${QUOTES}${RTL}`, due_on: '2021-10-15', done_on: null, overdue: true }],
  follow_up_on: null, coach_confirmed_at: null, employee_confirmed_at: null,
};
export const coachingPlanDetail = {
  ...coachingPlans[1]!, state: 'confirmed',
  evidence: [{ item_id: 'P01', contacts: [{ performed_at: '2021-05-18T10:05:00', channel: 'phone', observed: hostileWording(ZERO_WIDTH), points: 3, max_points: 10, note: `${RTL}${LONG}` }] }],
  sessions: [coachingSession],
};

export const page = <T>(items: T[]): { items: T[]; page: number; page_size: number; total: number } => ({ items, page: 1, page_size: 50, total: items.length });

// Every route the page tests reach, answered with the hostile programme.
export const routes: Record<string, unknown> = {
  'GET /api/campaigns': page([campaign, otherCampaign]),
  'GET /api/departments': { items: departments },
  'GET /api/rubrics': { items: [rubric, { ...rubric, code: 'visit-default', channel: 'visit' }] },
  'GET /api/evaluations': (url: URL) => page(rows.filter((r) => !url.searchParams.get('state') || url.searchParams.get('state') === 'submitted' || url.searchParams.get('state') === 'returned')),
  ...Object.fromEntries(rows.map((r) => [`GET /api/evaluations/${r.id}`, evaluation(r.id)])),
  'GET /api/my/assignments': page(assignments),
  'GET /api/my/results': { campaign: 'C1', released_at: '2021-07-01T09:00:00', objection_deadline: '2099-07-15', objections_open: true, evaluations: rows.slice(0, 3), score: employeeScores[0] },
  'GET /api/scores': (url: URL) => ({
    campaign: 'C1', level: url.searchParams.get('level'),
    items: url.searchParams.get('level') === 'department'
      ? [{ department_code: 'D1', name: RTL, contacts: 10, raw_mean: 80, adjusted: 81, ci90_low: 70, ci90_high: 90, rank: 1, rank_worst: 2 }]
      : url.searchParams.get('level') === 'monitor'
        ? [{ monitor_code: QUOTES, contacts: 10, severity: 0.3, ci90_low: 0.1, ci90_high: 0.5, flags: `harsh;${SCRIPT}` }]
        : employeeScores,
    notes: [SCRIPT, RTL],
  }),
  'GET /api/objections': page(objections),
  'GET /api/audit-log': page(auditEntries),
  'GET /api/audit-log/verification': { intact: false, checked: 7, first_broken_id: 3, problem: `${SCRIPT}${RTL}` },
  'GET /api/employees': page(NAMES.map((name, i) => ({ employee_no: `1000${i}`, name, department_code: 'D3', position: RTL, counter: true, active: i !== 2 }))),
  'GET /api/users': { items: users },
  'GET /api/scenarios': { items: NAMES.map((name, i) => ({ code: `S${i}`, department_code: 'D2', channel: 'phone', title: name, script: `${SCRIPT}\n${LONG}` })) },
  'GET /api/coaching/plans': { items: coachingPlans },
  ...Object.fromEntries(coachingPlans.map((p) => [`GET /api/coaching/plans/${p.id}`, { ...coachingPlanDetail, id: p.id }])),
  'GET /api/my/coaching': { plan: coachingPlanDetail },
  'GET /api/coaching/library': { items: [{ item_id: 'P01', title: hostileWording(SCRIPT), good: hostileWording(RTL), practice: hostileWording(LONG) }] },
  'GET /api/effect': (url: URL) => ({
    of: url.searchParams.get('of'), estimate: -1.2, ci90_low: -3.5, ci90_high: 1.1, shown: false, treated: 12, comparison: 80, treated_contacts: 20,
    method: `${SCRIPT}${RTL}`, before_after: 6.4, difference_in_differences: null, conclusion: hostileWording(`${IMG}${RTL}`),
  }),
  'GET /api/monitors': { items: NAMES.map((name, i) => ({ code: `M${i}`, name, gender: RTL, age_band: IMG, phone_per_day: 3, visit_per_day: 1, active: true })) },
};

export const hostileUser = (role: Role): User => ({ login: `login${QUOTES}`, role, display_name: `${RTL}${SCRIPT}`, employee_no: '10000', department_code: 'D1', monitor_code: 'M1' });

// The page frame the router draws (a heading the page may retitle, then the page's content),
// without the router itself.
export function pageContext(role: Role, query = '', params: Record<string, string> = {}): { frame: HTMLElement; context: PageContext } {
  const heading = document.createElement('h1');
  const root = document.createElement('div');
  const frame = document.createElement('main');
  frame.id = 'main';
  frame.append(heading, root);
  document.getElementById('app')!.replaceChildren(frame);
  const context: PageContext = {
    root, params, query: new URLSearchParams(query), user: hostileUser(role),
    setQuery: () => {}, navigate: () => {},
    setTitle: (title) => { heading.textContent = title; document.title = title; },
  };
  return { frame, context };
}

export { ALL };
