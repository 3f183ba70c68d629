-- The planner's schedule. One row per planned contact (planning::Assignment): a phone call to an
-- employee (employee_id set) or a visit to a counter unit (employee_id NULL). Unreleased rows are
-- the programme's secret: only the admin and, from release_at on, their monitor may read them.
CREATE TABLE assignments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  campaign_id bigint NOT NULL REFERENCES campaigns (id),
  code text COLLATE "C" NOT NULL,
  round_no integer NOT NULL,
  channel text NOT NULL CHECK (channel = 'phone' OR channel = 'visit'),
  employee_id bigint REFERENCES employees (id),
  department_id bigint NOT NULL REFERENCES departments (id),
  date text NOT NULL,
  start_minute integer NOT NULL,
  duration_minutes integer NOT NULL,
  monitor_id bigint NOT NULL REFERENCES monitors (id),
  scenario_id bigint NOT NULL REFERENCES scenarios (id),
  release_at text NOT NULL,
  status text NOT NULL,
  retry_of text NOT NULL DEFAULT '',
  lunch_sample smallint NOT NULL DEFAULT 0,
  top_up smallint NOT NULL DEFAULT 0,
  UNIQUE (campaign_id, code)
);
CREATE INDEX assignments_monitor_release ON assignments (campaign_id, monitor_id, release_at);

-- Per campaign: the secret seeds of the latest planning run, the current digest, and the
-- commitment (the digest recorded when the plan was first made).
CREATE TABLE plans (
  campaign_id bigint PRIMARY KEY REFERENCES campaigns (id),
  seed text NOT NULL,
  code_seed text NOT NULL,
  digest text NOT NULL,
  committed_digest text NOT NULL,
  committed_at text NOT NULL,
  updated_at text NOT NULL
);

-- Append-only log of what happened to a plan after its commitment.
CREATE TABLE plan_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  campaign_id bigint NOT NULL REFERENCES campaigns (id),
  changed_at text NOT NULL,
  kind text NOT NULL,
  code text NOT NULL DEFAULT '',
  previous_code text NOT NULL DEFAULT '',
  reason text NOT NULL DEFAULT '',
  digest text NOT NULL
);
CREATE INDEX plan_changes_campaign ON plan_changes (campaign_id, id);

CREATE TABLE employee_absences (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  employee_id bigint NOT NULL REFERENCES employees (id),
  from_date text NOT NULL,
  to_date text NOT NULL
);

CREATE TABLE monitor_absences (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  monitor_id bigint NOT NULL REFERENCES monitors (id),
  from_date text NOT NULL,
  to_date text NOT NULL
);
