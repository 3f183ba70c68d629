-- The programme's schema on PostgreSQL: the same tables and columns as on SQLite. Dates and
-- times are ISO 8601 text (sortable, and the same in both engines); flags are true/false as 1/0
-- so that one SQL text serves both. Codes sort by bytes (COLLATE "C"), as on SQLite, whatever
-- the database's locale.

CREATE TABLE departments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text COLLATE "C" NOT NULL UNIQUE,
  name text NOT NULL,
  grp text NOT NULL CHECK (grp IN ('hq', 'agency', 'affiliated', 'town'))
);

CREATE TABLE employees (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  employee_no text COLLATE "C" NOT NULL UNIQUE,
  name text NOT NULL,
  department_id bigint NOT NULL REFERENCES departments (id),
  position text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  counter smallint NOT NULL DEFAULT 0 CHECK (counter IN (0, 1)),
  active smallint NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX employees_department ON employees (department_id);

CREATE TABLE monitors (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text COLLATE "C" NOT NULL UNIQUE,
  name text NOT NULL,
  gender text NOT NULL DEFAULT '',
  age_band text NOT NULL DEFAULT '',
  phone_per_day integer NOT NULL DEFAULT 0,
  visit_per_day integer NOT NULL DEFAULT 0,
  available_from text,
  available_to text,
  active smallint NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- department_id NULL: the scenario serves every department ("*").
CREATE TABLE scenarios (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text COLLATE "C" NOT NULL UNIQUE,
  department_id bigint REFERENCES departments (id),
  channel text NOT NULL CHECK (channel IN ('phone', 'visit')),
  title text NOT NULL,
  script text NOT NULL DEFAULT '',
  abusive smallint NOT NULL DEFAULT 0 CHECK (abusive IN (0, 1))
);

-- definition: the rubric as JSON (adapters/codec/rubric_json.hpp). A version never changes.
CREATE TABLE rubrics (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text COLLATE "C" NOT NULL,
  version integer NOT NULL,
  channel text NOT NULL CHECK (channel IN ('phone', 'visit')),
  definition text NOT NULL,
  UNIQUE (code, version)
);

CREATE TABLE holidays (
  date text COLLATE "C" PRIMARY KEY,
  name_ko text NOT NULL,
  name_en text NOT NULL DEFAULT '',
  kind text NOT NULL DEFAULT ''
);

-- department_id NULL: the whole organisation is closed.
CREATE TABLE closures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  date text COLLATE "C" NOT NULL,
  department_id bigint REFERENCES departments (id),
  reason text NOT NULL DEFAULT ''
);
CREATE INDEX closures_date ON closures (date);

CREATE TABLE campaigns (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text COLLATE "C" NOT NULL UNIQUE,
  name text NOT NULL,
  start_date text NOT NULL,
  end_date text NOT NULL,
  phone_per_round integer NOT NULL,
  visit_per_round integer NOT NULL,
  lunch text NOT NULL CHECK (lunch IN ('avoid', 'allow', 'separate')),
  created_at text NOT NULL DEFAULT to_char(localtimestamp(0), 'YYYY-MM-DD"T"HH24:MI:SS')
);

CREATE TABLE campaign_rounds (
  campaign_id bigint NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  round_no integer NOT NULL,
  start_date text NOT NULL,
  end_date text NOT NULL,
  PRIMARY KEY (campaign_id, round_no)
);

-- One contact. flags: ";"-joined; observations: rubric::EncodeObservations; item_points:
-- rubric::EncodeItemPoints of the current score (NULL with score when the contact is not
-- scored; stage subtotals follow from it and the rubric); scored_at: when it was computed.
-- Bulk imports of a million rows must stay fast, so this table, unlike the others, declares no
-- foreign keys (checking six per row tripled the time of a large import): the evaluation
-- writer takes every id from the parent tables in the same transaction, and no parent is ever
-- deleted.
CREATE TABLE evaluations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  campaign_id bigint NOT NULL,
  code text COLLATE "C" NOT NULL,
  employee_id bigint NOT NULL,
  department_id bigint NOT NULL,
  monitor_id bigint NOT NULL,
  scenario_id bigint NOT NULL,
  channel text NOT NULL CHECK (channel IN ('phone', 'visit')),
  performed_at text COLLATE "C" NOT NULL,
  round_no integer NOT NULL,
  rubric_id bigint NOT NULL,
  flags text NOT NULL DEFAULT '',
  observations text NOT NULL DEFAULT '',
  item_points text,
  score double precision,
  capped smallint NOT NULL DEFAULT 0 CHECK (capped IN (0, 1)),
  state text NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'approved', 'void')),
  review_reason text NOT NULL DEFAULT '',
  notes text NOT NULL DEFAULT '',
  scored_at text NOT NULL,
  created_at text NOT NULL,
  UNIQUE (campaign_id, code)
);
CREATE INDEX evaluations_campaign_employee ON evaluations (campaign_id, employee_id);

-- Earlier scores of an evaluation, kept when it is re-scored under another rubric version.
CREATE TABLE evaluation_scores (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  evaluation_id bigint NOT NULL REFERENCES evaluations (id) ON DELETE CASCADE,
  rubric_id bigint NOT NULL REFERENCES rubrics (id),
  score double precision,
  item_points text,
  capped smallint NOT NULL DEFAULT 0 CHECK (capped IN (0, 1)),
  scored_at text NOT NULL
);
CREATE INDEX evaluation_scores_evaluation ON evaluation_scores (evaluation_id);

CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  login text COLLATE "C" NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'monitor', 'reviewer', 'coach', 'department_head',
                                     'employee', 'auditor')),
  employee_id bigint REFERENCES employees (id),
  monitor_id bigint REFERENCES monitors (id),
  department_id bigint REFERENCES departments (id),
  active smallint NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at text NOT NULL DEFAULT to_char(localtimestamp(0), 'YYYY-MM-DD"T"HH24:MI:SS')
);
