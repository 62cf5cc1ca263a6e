package io.escala.platform;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rows of {@code escala_login_throttle}, one per account and per client address that failed to log in lately.
 * Every node reads and writes the same rows, so a lock holds whichever node the load balancer picks.
 *
 * <p>A failure is one UPDATE that counts it, opens a new window when the old one has passed and, at the limit, sets
 * the lock and doubles the next one; the database applies it atomically, so parallel failures on two nodes are all
 * counted. Plain SQL that H2 and PostgreSQL both run (no MERGE / ON CONFLICT dialects): the first failure of a key
 * inserts its row first.
 */
@Component
public class LoginThrottleStore {

  /** Failures in the window, counting this one. */
  private static final String COUNT = "(CASE WHEN window_start > :windowFrom THEN failures ELSE 0 END + 1)";
  /** Locks so far, unless the key has been quiet long enough to be forgiven. */
  private static final String LEVEL = "(CASE WHEN last_failure > :forgetBefore THEN lock_level ELSE 0 END)";
  private static final String LIMIT_REACHED = COUNT + " >= :maxFailures";
  private static final String FAILURE = """
      UPDATE escala_login_throttle SET
        failures = CASE WHEN %1$s THEN 0 ELSE %2$s END,
        window_start = CASE WHEN %1$s OR window_start <= :windowFrom THEN :now ELSE window_start END,
        locked_until = CASE WHEN %1$s
            THEN :now + CAST(LEAST(:maxLock, :lock * POWER(2, LEAST(%3$s, 30))) AS BIGINT)
            ELSE locked_until END,
        lock_level = CASE WHEN %1$s THEN %3$s + 1 ELSE %3$s END,
        last_failure = :now
      WHERE throttle_key = :key
      """.formatted(LIMIT_REACHED, COUNT, LEVEL);

  private final JdbcClient jdbc;

  public LoginThrottleStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** {@code locked_until} (epoch ms, 0 = never) of those keys that have a row. */
  public Map<String, Long> lockedUntil(Collection<String> keys) {
    return jdbc.sql("SELECT throttle_key, locked_until FROM escala_login_throttle WHERE throttle_key IN (:keys)")
        .param("keys", keys)
        .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  public void recordFailure(String key, LoginThrottleProperties.Limit limit, long now, long forgetBefore) {
    if (failure(key, limit, now, forgetBefore) == 0) {
      try {
        jdbc.sql("INSERT INTO escala_login_throttle (throttle_key, failures, window_start, locked_until, lock_level,"
                + " last_failure) VALUES (:key, 0, :now, 0, 0, :now)")
            .param("key", key).param("now", now).update();
      } catch (DuplicateKeyException anotherNodeWasFaster) {
        // its row is there now: count on it
      }
      failure(key, limit, now, forgetBefore);
    }
  }

  private int failure(String key, LoginThrottleProperties.Limit limit, long now, long forgetBefore) {
    return jdbc.sql(FAILURE)
        .param("key", key)
        .param("now", now)
        .param("windowFrom", now - limit.window().toMillis())
        .param("forgetBefore", forgetBefore)
        .param("maxFailures", limit.maxFailures())
        .param("lock", limit.lock().toMillis())
        .param("maxLock", limit.maxLock().toMillis())
        .update();
  }

  /** After a successful login: forget the failures, but not a lock that still runs. */
  public void clearUnlocked(String key, long now) {
    jdbc.sql("DELETE FROM escala_login_throttle WHERE throttle_key = :key AND locked_until <= :now")
        .param("key", key).param("now", now).update();
  }

  /** Rows without a failure since {@code forgetBefore} and no running lock. */
  public int purge(long now, long forgetBefore) {
    return jdbc.sql("DELETE FROM escala_login_throttle WHERE last_failure <= :forgetBefore AND locked_until <= :now")
        .param("forgetBefore", forgetBefore).param("now", now).update();
  }
}
