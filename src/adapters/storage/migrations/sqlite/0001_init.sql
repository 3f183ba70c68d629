-- The programme's schema on SQLite. Dates and times are ISO 8601 text (sortable, and the same
-- in both engines); flags are true/false as 1/0. Checks are spelled with OR, not IN: SQLite
-- evaluates "x IN (list)" with a temporary b-tree built for every inserted row.

CREATE TABLE departments (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  grp TEXT NOT NULL CHECK (grp = 'hq' OR grp = 'agency' OR grp = 'affiliated' OR grp = 'town')
);

CREATE TABLE employees (
  id INTEGER PRIMARY KEY,
  employee_no TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  department_id INTEGER NOT NULL REFERENCES departments (id),
  position TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  counter INTEGER NOT NULL DEFAULT 0 CHECK (counter = 0 OR counter = 1),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active = 0 OR active = 1)
);
CREATE INDEX employees_department ON employees (department_id);

CREATE TABLE monitors (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  gender TEXT NOT NULL DEFAULT '',
  age_band TEXT NOT NULL DEFAULT '',
  phone_per_day INTEGER NOT NULL DEFAULT 0,
  visit_per_day INTEGER NOT NULL DEFAULT 0,
  available_from TEXT,
  available_to TEXT,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active = 0 OR active = 1)
);

-- department_id NULL: the scenario serves every department ("*").
CREATE TABLE scenarios (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  department_id INTEGER REFERENCES departments (id),
  channel TEXT NOT NULL CHECK (channel = 'phone' OR channel = 'visit'),
  title TEXT NOT NULL,
  script TEXT NOT NULL DEFAULT '',
  abusive INTEGER NOT NULL DEFAULT 0 CHECK (abusive = 0 OR abusive = 1)
);

-- definition: the rubric as JSON (adapters/codec/rubric_json.hpp). A version never changes.
CREATE TABLE rubrics (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  channel TEXT NOT NULL CHECK (channel = 'phone' OR channel = 'visit'),
  definition TEXT NOT NULL,
  UNIQUE (code, version)
);

CREATE TABLE holidays (
  date TEXT PRIMARY KEY,
  name_ko TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT ''
);

-- department_id NULL: the whole organisation is closed.
CREATE TABLE closures (
  id INTEGER PRIMARY KEY,
  date TEXT NOT NULL,
  department_id INTEGER REFERENCES departments (id),
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX closures_date ON closures (date);

CREATE TABLE campaigns (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  phone_per_round INTEGER NOT NULL,
  visit_per_round INTEGER NOT NULL,
  lunch TEXT NOT NULL CHECK (lunch = 'avoid' OR lunch = 'allow' OR lunch = 'separate'),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);

CREATE TABLE campaign_rounds (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  round_no INTEGER NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  PRIMARY KEY (campaign_id, round_no)
);

-- One contact. flags: ";"-joined; observations: rubric::EncodeObservations; item_points:
-- rubric::EncodeItemPoints of the current score (NULL with score when the contact is not
-- scored; stage subtotals follow from it and the rubric); scored_at: when it was computed.
-- Bulk imports of a million rows must stay fast, so this table, unlike the others, declares no
-- foreign keys (checking six per row took a third of the import time): the evaluation writer
-- takes every id from the parent tables in the same transaction, and no parent is ever deleted.
CREATE TABLE evaluations (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL,
  code TEXT NOT NULL,
  employee_id INTEGER NOT NULL,
  department_id INTEGER NOT NULL,
  monitor_id INTEGER NOT NULL,
  scenario_id INTEGER NOT NULL,
  channel TEXT NOT NULL CHECK (channel = 'phone' OR channel = 'visit'),
  performed_at TEXT NOT NULL,
  round_no INTEGER NOT NULL,
  rubric_id INTEGER NOT NULL,
  flags TEXT NOT NULL DEFAULT '',
  observations TEXT NOT NULL DEFAULT '',
  item_points TEXT,
  score REAL,
  capped INTEGER NOT NULL DEFAULT 0 CHECK (capped = 0 OR capped = 1),
  state TEXT NOT NULL CHECK (state = 'draft' OR state = 'submitted' OR state = 'returned' OR
                              state = 'approved' OR state = 'void'),
  review_reason TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  scored_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (campaign_id, code)
);
CREATE INDEX evaluations_campaign_employee ON evaluations (campaign_id, employee_id);

-- Earlier scores of an evaluation, kept when it is re-scored under another rubric version.
CREATE TABLE evaluation_scores (
  id INTEGER PRIMARY KEY,
  evaluation_id INTEGER NOT NULL REFERENCES evaluations (id) ON DELETE CASCADE,
  rubric_id INTEGER NOT NULL REFERENCES rubrics (id),
  score REAL,
  item_points TEXT,
  capped INTEGER NOT NULL DEFAULT 0 CHECK (capped = 0 OR capped = 1),
  scored_at TEXT NOT NULL
);
CREATE INDEX evaluation_scores_evaluation ON evaluation_scores (evaluation_id);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role = 'admin' OR role = 'monitor' OR role = 'reviewer' OR
                            role = 'coach' OR role = 'department_head' OR role = 'employee' OR
                            role = 'auditor'),
  employee_id INTEGER REFERENCES employees (id),
  monitor_id INTEGER REFERENCES monitors (id),
  department_id INTEGER REFERENCES departments (id),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active = 0 OR active = 1),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
