-- The planner's schedule. One row per planned contact (planning::Assignment): a phone call to an
-- employee (employee_id set) or a visit to a counter unit (employee_id NULL). Unreleased rows are
-- the programme's secret: only the admin and, from release_at on, their monitor may read them.
CREATE TABLE assignments (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  code TEXT NOT NULL,
  round_no INTEGER NOT NULL,
  channel TEXT NOT NULL CHECK (channel = 'phone' OR channel = 'visit'),
  employee_id INTEGER REFERENCES employees (id),
  department_id INTEGER NOT NULL REFERENCES departments (id),
  date TEXT NOT NULL,
  start_minute INTEGER NOT NULL,
  duration_minutes INTEGER NOT NULL,
  monitor_id INTEGER NOT NULL REFERENCES monitors (id),
  scenario_id INTEGER NOT NULL REFERENCES scenarios (id),
  release_at TEXT NOT NULL,
  status TEXT NOT NULL,
  retry_of TEXT NOT NULL DEFAULT '',
  lunch_sample INTEGER NOT NULL DEFAULT 0,
  top_up INTEGER NOT NULL DEFAULT 0,
  UNIQUE (campaign_id, code)
);
CREATE INDEX assignments_monitor_release ON assignments (campaign_id, monitor_id, release_at);

-- Per campaign: the secret seeds of the latest planning run, the current digest, and the
-- commitment (the digest recorded when the plan was first made).
CREATE TABLE plans (
  campaign_id INTEGER PRIMARY KEY REFERENCES campaigns (id),
  seed TEXT NOT NULL,
  code_seed TEXT NOT NULL,
  digest TEXT NOT NULL,
  committed_digest TEXT NOT NULL,
  committed_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Append-only log of what happened to a plan after its commitment.
CREATE TABLE plan_changes (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  changed_at TEXT NOT NULL,
  kind TEXT NOT NULL,
  code TEXT NOT NULL DEFAULT '',
  previous_code TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  digest TEXT NOT NULL
);
CREATE INDEX plan_changes_campaign ON plan_changes (campaign_id, id);

CREATE TABLE employee_absences (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employees (id),
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL
);

CREATE TABLE monitor_absences (
  id INTEGER PRIMARY KEY,
  monitor_id INTEGER NOT NULL REFERENCES monitors (id),
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL
);
