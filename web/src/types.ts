// Shapes of the JSON API (docs/api.md). Fields the pages do not rely on are left out; optional
// fields are ones the server may omit for some roles or states. test/openapi.test.ts checks every
// API call of the pages against the server's OpenAPI document (web/openapi.json): each field read
// here must be in the schema of the answer it is read from.

export type Role = 'admin' | 'monitor' | 'reviewer' | 'coach' | 'department_head' | 'employee' | 'auditor';

export interface User {
  login: string;
  role: Role;
  display_name: string;
  employee_no?: string;
  department_code?: string;
  monitor_code?: string;
}

export interface SessionInfo {
  user: User;
  csrf_token: string;
}

// A paged list (evaluations, employees, the plan, the audit log).
export interface Page<T> {
  items: T[];
  page: number;
  page_size: number;
  total: number;
}

// A whole list in one answer (campaigns, departments, users, objections, scenarios, monitors,
// rubrics, a monitor's assignments).
export interface List<T> {
  items: T[];
}

export interface FieldError {
  field: string;
  message: string;
}

export interface Campaign {
  code: string;
  name: string;
  start: string;
  end: string;
  rounds?: { number: number; start: string; end: string }[];
  phone_per_round?: number;
  visit_per_round?: number;
  lunch?: string;
  results_released_at?: string | null;
  objection_deadline?: string | null;
  counts?: { evaluations: number; approved: number; pending: number; void_or_unanswered: number; employees_evaluated: number };
}

export type Channel = 'phone' | 'visit';
export type ReviewState = 'draft' | 'submitted' | 'returned' | 'approved' | 'void';

// A list row of an evaluation (GET /api/evaluations, /api/my/results).
export interface EvaluationRow {
  id: number;
  code: string;
  campaign: string;
  employee_no: string;
  employee_name?: string;
  department_code: string;
  scenario_code?: string;
  channel: Channel;
  performed_at: string;
  round?: number;
  state: ReviewState;
  score: number | null;
  flags: string[];
  // The admin and the monitor themself see the monitor; others at most a pseudonym.
  monitor?: { code: string; name: string };
  monitor_ref?: string;
}

// A row of an employee's own results (GET /api/my/results): with the acknowledgement and the
// objection, which only the employee's own rows carry.
export interface OwnEvaluationRow extends EvaluationRow {
  acknowledged: boolean;
  objection: Objection | null;
  readable?: ReadableContact;
}

// Korean with its English translation, as the server words it.
export interface Wording { ko: string; en: string }

// One contact read out by the server: names and observations in words, never codes.
export interface ReadableContact {
  rubric: Wording;
  department_name: string;
  scenario_title: string;
  stages: { name: Wording; points: number; max_points: number }[];
  items: { item_id: string; name: Wording; stage: Wording; observed: Wording; points: number | null; max_points: number }[];
}

// An item of an employee against the department and the organisation (shares of its points).
export interface ItemStanding {
  item_id: string;
  name: Wording;
  own: number;
  contacts: number;
  department: number | null;
  organisation: number | null;
  guidance: { title: Wording; good: Wording; practice: Wording } | null;
}

// One evaluation in full (GET /api/evaluations/{id}). Observations are the file-format cells:
// binary "0"/"1", level5 "1"-"5", tiered the count with "a" for an apology, checklist the
// ";"-separated element ids, "na" not applicable.
export interface Evaluation extends EvaluationRow {
  rubric: { code: string; version: number };
  observations: Record<string, string>;
  score_detail: {
    total: number;
    capped?: boolean;
    items: { item_id: string; points: number | null; max_points: number }[];
    stages?: { stage: string; points: number; max_points: number }[];
  } | null;
  review_reason: string;
  notes: string;
  recording: { content_type: string; size: number; sha256?: string; uploaded_at: string } | null;
}

// A planned contact (the plan for the admin; released ones for their monitor).
export interface Assignment {
  code: string;
  campaign: string;
  round: number;
  channel: Channel;
  employee_no: string;
  department_code: string;
  date: string;
  start: string;
  duration_minutes?: number;
  monitor_code?: string;
  scenario_code?: string;
  release_at?: string;
  status?: string;
  released?: boolean;
  employee_name?: string;
  phone?: string;
  department_name?: string;
  scenario_title?: string;
  scenario_script?: string;
  evaluation_id?: number | null;
}

export interface Objection {
  id: number;
  evaluation_id: number;
  evaluation_code?: string;
  campaign?: string;
  employee_no?: string;
  employee_name?: string;
  department_code?: string;
  reason: string;
  filed_at?: string;
  state: 'open' | 'upheld' | 'rejected';
  decision_reason?: string | null;
  decided_at?: string | null;
}

export interface RubricItem {
  id: string;
  stage: string;
  ko: string;
  en: string;
  type: 'binary' | 'tiered' | 'checklist' | 'level5';
  points: number;
  observe?: string;
  not_applicable?: string;
  elements?: { id: string; ko: string; en: string; points: number }[];
  tiers?: { max_rings: number | null; points: number; points_if_apology?: number }[];
  check_ko?: string;
  check_en?: string;
}

export interface Rubric {
  code: string;
  channel: Channel;
  version: number;
  name_ko: string;
  name_en: string;
  stages: { code: string; ko: string; en: string; points: number }[];
  items: RubricItem[];
  flags: { id: string; ko: string; en: string }[];
  [extra: string]: unknown;
}

// Per-employee fair scores; the admin's rows also carry grade probabilities, the published
// rows (department heads, coaches, employees) do not.
export interface EmployeeScore {
  employee_no: string;
  name?: string;
  department_code?: string;
  contacts: number;
  raw_mean: number | null;
  adjusted: number | null;
  ci90_low: number | null;
  ci90_high: number | null;
  grade?: string | null;
  p_S?: number | null;
  p_A?: number | null;
  p_B?: number | null;
  p_C?: number | null;
  uncertain?: boolean | number | null;
}

export interface DepartmentScore {
  department_code: string;
  name?: string;
  department_name?: string;
  group?: string;
  employees?: number;
  contacts?: number;
  raw_mean?: number | null;
  adjusted?: number | null;
  mean?: number | null;
  ci90_low?: number | null;
  ci90_high?: number | null;
  ci_low?: number | null;
  ci_high?: number | null;
  rank?: number;
  rank_worst?: number;
}

export interface MonitorScore {
  monitor_code: string;
  contacts: number;
  raw_mean?: number | null;
  severity: number | null;
  ci90_low?: number | null;
  ci90_high?: number | null;
  infit?: number | null;
  outfit?: number | null;
  drift_per_30_days?: number | null;
  drift_p?: number | null;
  flags?: string;
}

// GET /api/scores answers { campaign, level, method, columns?, items, notes? }.
export interface ScoreList<T> {
  campaign: string;
  level: string;
  method?: string;
  columns?: string[];
  items: T[];
  notes?: string[];
}

export interface Job {
  id: number;
  kind: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  progress?: number;
  rows?: number;
  message?: string;
  result?: { problems?: { field: string; line: number; message: string }[] } & Record<string, unknown> | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  login?: string;
  role?: string;
  ip?: string;
  action?: string;
  subject_kind?: string;
  subject?: string;
  detail?: string;
  prev_hash?: string;
  row_hash?: string;
}

// ---- coaching (docs/coaching.md, "HTTP API") ----

// What good looks like for an item and how to practise it (the coaching library's module).
export interface Guidance {
  title: Wording;
  good: Wording;
  practice: Wording;
}

// A module of the coaching library (GET /api/coaching/library).
export interface CoachingModule extends Guidance {
  item_id: string;
}

export type CoachingPlanState = 'proposed' | 'confirmed' | 'closed';

export interface CoachRef {
  login: string;
  name: string;
}

// An item a plan works on: how likely the model judges it weak, the employee's share of its
// points against peers', and the library's guidance when there is a module for it.
export interface CoachingPlanItem {
  item_id: string;
  name: Wording;
  probability_weak: number | null;
  achievement: number | null;
  peer_mean: number | null;
  guidance: Guidance | null;
}

// A plan as listed (GET /api/coaching/plans): most urgent first, as the role may see it.
export interface CoachingPlan {
  id: number;
  campaign: string;
  employee_no: string;
  employee_name: string;
  department_code: string;
  department_name: string;
  state: CoachingPlanState;
  adjusted: number | null;
  ci90_low: number | null;
  ci90_high: number | null;
  reason: Wording;
  items: CoachingPlanItem[];
  coach: CoachRef | null;
  created_at: string;
  confirmed_at: string | null;
  sessions: number;
  open_actions: number;
  overdue_actions: number;
  next_follow_up: string | null;
}

// One contact behind an item: when, how, what was observed, the points and the note (never who
// evaluated).
export interface CoachingEvidenceContact {
  performed_at: string;
  channel: Channel;
  observed: Wording;
  points: number | null;
  max_points: number;
  note: string;
}

export interface CoachingEvidence {
  item_id: string;
  contacts: CoachingEvidenceContact[];
}

export interface CoachingAction {
  id: number;
  text: string;
  due_on: string;
  done_on: string | null;
  overdue: boolean;
}

// A coaching session. Private notes reach the coach and the admin only; the pages show them only
// to those roles whatever the answer holds.
export interface CoachingSession {
  id: number;
  plan_id: number;
  held_on: string;
  coach: CoachRef | null;
  discussed: { item_id: string; name: Wording; note: string }[];
  notes_shared: string;
  notes_private?: string;
  actions: CoachingAction[];
  follow_up_on: string | null;
  coach_confirmed_at: string | null;
  employee_confirmed_at: string | null;
}

// One plan in full (GET /api/coaching/plans/{id}, GET /api/my/coaching): with the evidence per
// item (absent for department heads) and the sessions.
export interface CoachingPlanDetail extends Omit<CoachingPlan, 'sessions'> {
  evidence?: CoachingEvidence[];
  sessions: CoachingSession[];
  // After a later release: the fair score then and the change, with a 90 % interval.
  outcome?: { released_at: string; adjusted: number; ci90_low: number; ci90_high: number; change: number; change_low: number; change_high: number } | null;
}

// The measured effect of coaching or training (GET /api/effect): the model's estimate with its
// 90 % interval, and the naive before/after and difference-in-differences figures, which
// regression to the mean inflates.
export interface Effect {
  of: 'coaching' | 'training';
  estimate: number | null;
  ci90_low: number | null;
  ci90_high: number | null;
  shown: boolean;
  treated: number;
  comparison: number;
  treated_contacts: number;
  method: string;
  before_after: number | null;
  difference_in_differences: number | null;
  conclusion: Wording;
}

// A training session (docs/coaching.md): the items it targets by name, how many attended.
export interface TrainingSession {
  code: string;
  date: string;
  topic: string;
  instructor: string;
  items: { item_id: string; name: Wording }[];
  attendees: number;
}

export interface NewTrainingSession {
  code: string;
  date: string;
  topic: string;
  instructor: string;
  items: string[];
  attendees: string[];
}

// Active employees who attended at least one session, per department and in total.
export interface TrainingCompletionRow {
  department_code: string;
  department_name: string;
  employees: number;
  trained: number;
  share: number;
}

export interface TrainingCompletion {
  items: TrainingCompletionRow[];
  total: { employees: number; trained: number; share: number };
}

export interface TrainingHistory {
  employee_no: string;
  employee_name: string;
  items: TrainingSession[];
}
