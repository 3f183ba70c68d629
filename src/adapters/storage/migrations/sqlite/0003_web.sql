-- The web application: accounts' display names, sessions, sign-in throttling, the audit log,
-- results release with the published scores, acknowledgements and objections, coach caseloads,
-- background jobs, call recordings (files in the data directory) and server-wide secrets.
-- Instants the server compares (session expiry, lockout) are Unix seconds; instants people
-- read are ISO text like everywhere else (audit entries in UTC with a trailing Z).

ALTER TABLE users ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN password_changed_at INTEGER NOT NULL DEFAULT 0;

-- token_hash: hex SHA-256 of the cookie value; the value itself is never stored.
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed sign-ins per login as typed (lower case), known or not, so that a lockout tells
-- nothing about which logins exist.
CREATE TABLE login_attempts (
  login TEXT PRIMARY KEY,
  failures INTEGER NOT NULL DEFAULT 0,
  window_start INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0
);

-- Append-only; each row's row_hash is SHA-256 over prev_hash and the row's fields, so a changed
-- or deleted row breaks the chain. user_id has no foreign key: the log outlives accounts.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id INTEGER,
  login TEXT NOT NULL,
  role TEXT NOT NULL,
  ip TEXT NOT NULL,
  action TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  row_hash TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- A campaign's results are published to employees, department heads and coaches at
-- released_at; objections are accepted until objection_deadline (inclusive).
CREATE TABLE result_releases (
  campaign_id INTEGER PRIMARY KEY REFERENCES campaigns (id),
  released_at TEXT NOT NULL,
  objection_deadline TEXT NOT NULL,
  released_by INTEGER
);

-- The scores as published at release (recomputed when an objection is upheld).
CREATE TABLE released_scores (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  employee_id INTEGER NOT NULL REFERENCES employees (id),
  contacts INTEGER NOT NULL,
  raw_mean REAL,
  adjusted REAL,
  ci90_low REAL,
  ci90_high REAL,
  grade TEXT NOT NULL DEFAULT '',
  uncertain INTEGER,
  PRIMARY KEY (campaign_id, employee_id)
);
CREATE TABLE released_department_scores (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  department_id INTEGER NOT NULL REFERENCES departments (id),
  employees INTEGER NOT NULL,
  contacts INTEGER NOT NULL,
  raw_mean REAL,
  adjusted REAL,
  ci_low REAL,
  ci_high REAL,
  rank_best INTEGER NOT NULL,
  rank_worst INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, department_id)
);

CREATE TABLE acknowledgements (
  evaluation_id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL,
  at TEXT NOT NULL
);

-- One objection per evaluation: open until the admin upholds or rejects it with a reason.
CREATE TABLE objections (
  id INTEGER PRIMARY KEY,
  evaluation_id INTEGER NOT NULL UNIQUE,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  employee_id INTEGER NOT NULL REFERENCES employees (id),
  user_id INTEGER NOT NULL,
  reason TEXT NOT NULL,
  filed_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state = 'open' OR state = 'upheld' OR state = 'rejected'),
  decision_reason TEXT NOT NULL DEFAULT '',
  decided_by INTEGER,
  decided_at TEXT
);
CREATE INDEX objections_campaign ON objections (campaign_id, state);

CREATE TABLE coach_caseloads (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  employee_id INTEGER NOT NULL REFERENCES employees (id),
  PRIMARY KEY (user_id, employee_id)
);

-- Background work (imports) whose progress the web pages poll, from any server.
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state = 'queued' OR state = 'running' OR state = 'succeeded' OR
                              state = 'failed'),
  progress REAL NOT NULL DEFAULT 0,
  rows_done INTEGER NOT NULL DEFAULT 0,
  message TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL DEFAULT '',
  created_by INTEGER,
  created_at TEXT NOT NULL,
  finished_at TEXT
);

-- A call recording kept as a file under the data directory; sha256 of its bytes.
CREATE TABLE recordings (
  evaluation_id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
);

CREATE TABLE secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

