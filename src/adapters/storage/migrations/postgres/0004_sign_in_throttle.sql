-- Sign-in throttling per login and client network (IPv4 /24, IPv6 /64), so that failures from
-- one network cannot lock the login for another. An attempt is counted before its password is
-- checked, by replacing the row only at the version it was read at (the same on every server
-- of the database). lockouts: lockouts in a row, each lasting twice the one before.
-- The old per-login counts are dropped: at worst a lockout in progress ends early.
DROP TABLE login_attempts;
CREATE TABLE login_attempts (
  login text COLLATE "C" NOT NULL,
  network text COLLATE "C" NOT NULL,
  failures bigint NOT NULL DEFAULT 0,
  window_start bigint NOT NULL DEFAULT 0,
  locked_until bigint NOT NULL DEFAULT 0,
  lockouts bigint NOT NULL DEFAULT 0,
  version bigint NOT NULL DEFAULT 1,
  PRIMARY KEY (login, network)
);
