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

-- coach: the coach's login or name as recorded; items as in training_sessions.
CREATE TABLE coaching_sessions (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employees (id),
  coach TEXT NOT NULL,
  held_on TEXT NOT NULL,
  items TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX coaching_sessions_employee ON coaching_sessions (employee_id, held_on);
