-- Coaching and training: each published item's mean share of points per department and for the
-- whole organisation (department_id 0), so that an employee's result compares every item with
-- both; training sessions with their attendees; coaching sessions held.
CREATE TABLE released_item_means (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  department_id INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  contacts INTEGER NOT NULL,
  mean REAL NOT NULL,
  PRIMARY KEY (campaign_id, department_id, item_id)
);

-- items: the ';'-separated rubric item ids the session targets.
CREATE TABLE training_sessions (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  held_on TEXT NOT NULL,
  topic TEXT NOT NULL,
  instructor TEXT NOT NULL DEFAULT '',
  items TEXT NOT NULL DEFAULT ''
);
CREATE TABLE training_attendance (
  session_id INTEGER NOT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
  employee_id INTEGER NOT NULL REFERENCES employees (id),
  PRIMARY KEY (session_id, employee_id)
);
CREATE INDEX training_attendance_employee ON training_attendance (employee_id);

-- coach: the coach's login or name as recorded; items as in training_sessions; notes are
-- shared with the employee, private_notes are not. plan_id: the plan the session belongs to.
CREATE TABLE coaching_sessions (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employees (id),
  coach TEXT NOT NULL,
  held_on TEXT NOT NULL,
  items TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  plan_id INTEGER,
  coach_user_id INTEGER,
  private_notes TEXT NOT NULL DEFAULT '',
  follow_up_on TEXT,
  coach_confirmed_at TEXT,
  employee_confirmed_at TEXT
);
CREATE INDEX coaching_sessions_employee ON coaching_sessions (employee_id, held_on);

-- A coaching plan per employee and campaign: proposed from the fair scores, confirmed by the
-- admin with a coach. Items in order, with the model's view of each.
CREATE TABLE coaching_plans (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  employee_id INTEGER NOT NULL REFERENCES employees (id),
  state TEXT NOT NULL CHECK (state = 'proposed' OR state = 'confirmed' OR state = 'closed'),
  adjusted REAL,
  ci90_low REAL,
  ci90_high REAL,
  reason_ko TEXT NOT NULL,
  reason_en TEXT NOT NULL,
  coach_user_id INTEGER,
  created_at TEXT NOT NULL,
  confirmed_at TEXT,
  UNIQUE (campaign_id, employee_id)
);
CREATE TABLE coaching_plan_items (
  plan_id INTEGER NOT NULL REFERENCES coaching_plans (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  contacts INTEGER NOT NULL,
  achievement REAL NOT NULL,
  peer_mean REAL NOT NULL,
  shrunken_gap REAL NOT NULL,
  probability_weak REAL NOT NULL,
  PRIMARY KEY (plan_id, position)
);
CREATE TABLE coaching_discussion (
  session_id INTEGER NOT NULL REFERENCES coaching_sessions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (session_id, position)
);
CREATE TABLE coaching_actions (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES coaching_sessions (id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  due_on TEXT NOT NULL,
  done_on TEXT
);
CREATE INDEX coaching_actions_session ON coaching_actions (session_id);

-- The organisation's edits of the coaching library (the rest are the defaults).
CREATE TABLE coaching_library (
  item_id TEXT PRIMARY KEY,
  title_ko TEXT NOT NULL,
  title_en TEXT NOT NULL,
  good_ko TEXT NOT NULL,
  good_en TEXT NOT NULL,
  practice_ko TEXT NOT NULL,
  practice_en TEXT NOT NULL
);
