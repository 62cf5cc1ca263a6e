package io.escala.platform;

import java.time.Clock;
import java.time.Duration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Request counters in {@code escala_rate_limit}, shared by every node on the database: a fixed window per key, one
 * conditional UPDATE per request that counts the hit only while the window has room. A fixed window (rather than
 * bucket4j's token bucket, whose JDBC backend speaks PostgreSQL but not H2) lets a client send up to twice the limit
 * across a window boundary; for slowing down form spam that is enough, and it is one small statement on both
 * databases.
 */
@Component
public class RateLimitCounters {

  private final JdbcClient jdbc;
  private final Clock clock;

  public RateLimitCounters(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** {@code retryAfter} is zero when the hit was counted, else the time until the window ends. */
  public record Hit(boolean allowed, Duration retryAfter) {}

  public Hit hit(String key, int limit, Duration window) {
    long now = clock.millis();
    long windowMillis = window.toMillis();
    long windowStart = now - Math.floorMod(now, windowMillis);
    if (count(key, limit, windowStart) == 1) {
      return new Hit(true, Duration.ZERO);
    }
    boolean exists = jdbc.sql("SELECT COUNT(*) FROM escala_rate_limit WHERE bucket_key = :key").param("key", key)
        .query(Long.class).single() > 0;
    if (!exists) {
      try {
        jdbc.sql("INSERT INTO escala_rate_limit (bucket_key, window_start, hits) VALUES (:key, :window, 1)")
            .param("key", key).param("window", windowStart).update();
        return new Hit(true, Duration.ZERO);
      } catch (DuplicateKeyException anotherNodeWasFaster) {
        // counted below
      }
    }
    // The row exists now: another request (this client's, on any node) may have created it after our UPDATE found
    // none, so count once more before refusing.
    if (count(key, limit, windowStart) == 1) {
      return new Hit(true, Duration.ZERO);
    }
    return new Hit(false, Duration.ofMillis(windowStart + windowMillis - now));
  }

  private int count(String key, int limit, long windowStart) {
    return jdbc.sql("""
            UPDATE escala_rate_limit
            SET hits = CASE WHEN window_start = :window THEN hits + 1 ELSE 1 END, window_start = :window
            WHERE bucket_key = :key AND (window_start <> :window OR hits < :limit)
            """)
        .param("key", key).param("window", windowStart).param("limit", limit).update();
  }

  /** Counters of windows long past. */
  @Scheduled(fixedDelayString = "${escala.security.public-form-rate-limit.purge-every:PT10M}",
      initialDelayString = "${escala.security.public-form-rate-limit.purge-every:PT10M}")
  public void purge() {
    jdbc.sql("DELETE FROM escala_rate_limit WHERE window_start < :before")
        .param("before", clock.millis() - Duration.ofHours(1).toMillis()).update();
  }
}
