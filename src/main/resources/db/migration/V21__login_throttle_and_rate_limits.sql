-- Throttle and rate-limit state shared by every node on this database (platform/LoginThrottle,
-- platform/PublicFormRateLimit). Times are epoch milliseconds (BIGINT): the one-statement updates do their arithmetic
-- on them the same way in H2 and PostgreSQL, where timestamp arithmetic differs. Rows are small and purged once idle.

-- Failed logins per account ('account:<id>') and per client address ('client:<ip>').
CREATE TABLE escala_login_throttle (
  throttle_key  VARCHAR(200) NOT NULL PRIMARY KEY,
  failures      INTEGER      NOT NULL,  -- failures in the current window
  window_start  BIGINT       NOT NULL,
  locked_until  BIGINT       NOT NULL,  -- 0: never locked
  lock_level    INTEGER      NOT NULL,  -- locks so far; each one lasts twice the previous, up to a cap
  last_failure  BIGINT       NOT NULL
);

CREATE INDEX ix_login_throttle_last ON escala_login_throttle (last_failure);

-- Public form submissions per client and page, counted in fixed one-minute windows.
CREATE TABLE escala_rate_limit (
  bucket_key    VARCHAR(300) NOT NULL PRIMARY KEY,
  window_start  BIGINT       NOT NULL,
  hits          INTEGER      NOT NULL
);

CREATE INDEX ix_rate_limit_window ON escala_rate_limit (window_start);
