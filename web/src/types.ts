// Shapes of the JSON API (docs/api.md). Fields the pages do not rely on are left out; optional
// fields are ones the server may omit for some roles or states.

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

export interface Page<T> {
  items: T[];
  page: number;
  page_size: number;
  total: number;
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
  rounds?: number;
  status?: string;
  results_released?: boolean;
  released_at?: string | null;
  release_date?: string | null;
  objection_deadline?: string | null;
  [extra: string]: unknown;
}

export type Channel = 'phone' | 'visit';
export type ReviewState = 'draft' | 'submitted' | 'returned' | 'approved' | 'void';

// One answer of an evaluation form; exactly one of the observation fields is set.
export interface Answer {
  item: string;
  not_applicable?: boolean;
  observed?: boolean;
  level?: number;
  count?: number;
  apologised?: boolean;
  elements?: string[];
  note?: string;
  points?: number | null;
  max_points?: number | null;
}

export interface Evaluation {
  id: number;
  code?: string;
  campaign: string;
  assignment_id?: number | null;
  employee_no?: string;
  employee_name?: string;
  department_code?: string;
  department_name?: string;
  monitor_code?: string;
  monitor_ref?: string;
  scenario_code?: string;
  scenario_title?: string;
  channel: Channel;
  performed_at?: string | null;
  started_at?: string | null;
  ended_at?: string | null;
  round?: number;
  rubric: string;
  rubric_version?: number;
  state: ReviewState;
  flags: string[];
  answers: Answer[];
  answered_by?: string | null;
  notes?: string;
  review_reason?: string;
  total?: number | null;
  has_recording?: boolean;
  acknowledged_at?: string | null;
  objection?: Objection | null;
  objection_deadline?: string | null;
}

export interface Assignment {
  id: number;
  campaign: string;
  channel: Channel;
  due_date?: string;
  planned_at?: string;
  window_start?: string;
  window_end?: string;
  employee_no?: string;
  employee_name?: string;
  department_code?: string;
  department_name?: string;
  phone?: string;
  address?: string;
  scenario_code?: string;
  scenario_title?: string;
  scenario_script?: string;
  rubric?: string;
  evaluation_id?: number | null;
  evaluation_state?: ReviewState | null;
  attempt?: number;
  [extra: string]: unknown;
}

export interface Objection {
  id: number;
  evaluation_id: number;
  employee_no?: string;
  employee_name?: string;
  reason: string;
  state?: string;
  filed_at?: string;
  decided_at?: string | null;
  decision?: string | null;
  decision_reason?: string | null;
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

export interface EmployeeScore {
  employee_no: string;
  name?: string;
  department_code?: string;
  department_name?: string;
  contacts: number;
  raw_mean: number | null;
  adjusted: number | null;
  ci90_low: number | null;
  ci90_high: number | null;
  grade?: string | null;
  p_S?: number;
  p_A?: number;
  p_B?: number;
  p_C?: number;
  uncertain?: boolean | number;
}

export interface DepartmentScore {
  department_code: string;
  name?: string;
  department_name?: string;
  group?: string;
  employees?: number;
  contacts?: number;
  raw_mean?: number | null;
  adjusted: number | null;
  ci90_low: number | null;
  ci90_high: number | null;
  rank?: number;
  rank_worst?: number;
}

export interface MonitorScore {
  monitor_ref?: string;
  monitor_code?: string;
  name?: string;
  contacts: number;
  severity: number | null;
  ci90_low?: number | null;
  ci90_high?: number | null;
  flag?: string | null;
  infit?: number | null;
  outfit?: number | null;
  drift_per_30_days?: number | null;
}

export interface Job {
  id: string | number;
  kind?: string;
  state: string;
  progress?: number;
  message?: string;
  errors?: { line?: number; row?: number; column?: string | number; field?: string; message: string }[];
  result?: Record<string, unknown>;
}

export interface AuditEntry {
  id: number;
  at: string;
  user?: string;
  login?: string;
  role?: string;
  ip?: string;
  subject_kind?: string;
  subject?: string;
  route?: string;
  action?: string;
  detail?: string;
  hash?: string;
  row_hash?: string;
}
