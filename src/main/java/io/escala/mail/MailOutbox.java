package io.escala.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Read side of {@code mail_message}: the staff outbox page and other modules' tests ("did the customer get the
 * verification mail, in Portuguese?") use it. Newest first everywhere.
 */
@Repository
public class MailOutbox {

  static final String COLUMNS =
      "id, idempotency_key, template, recipient_email, recipient_name, locale, subject, body_text, body_html, status,"
          + " attempts, last_error, created_at, sent_at, recovered_at, calendar_method, calendar_ics";

  private static final int MAX_PAGE_SIZE = 500;

  private final JdbcClient jdbc;

  public MailOutbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Page {@code page} (0-based) of {@code size} messages, newest first. */
  public OutboxPage recent(int page, int size) {
    int pageSize = Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
    int pageNumber = Math.max(page, 0);
    // One row more than asked tells whether a next page exists without a COUNT(*).
    List<StoredEmail> rows =
        jdbc.sql("SELECT " + COLUMNS + " FROM mail_message ORDER BY created_at DESC, id DESC"
                + " OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY")
            .param("offset", (long) pageNumber * pageSize)
            .param("limit", pageSize + 1)
            .query(MailOutbox::row)
            .list();
    boolean hasNext = rows.size() > pageSize;
    return new OutboxPage(hasNext ? rows.subList(0, pageSize) : rows, pageNumber, hasNext);
  }

  /** Erasure: every message to this address (its content holds the person's name and links). */
  public int eraseRecipient(String email) {
    return jdbc.sql("DELETE FROM mail_message WHERE recipient_email = :email")
        .param("email", email == null ? null : email.strip().toLowerCase(Locale.ROOT))
        .update();
  }

  public Optional<StoredEmail> findById(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM mail_message WHERE id = :id")
        .param("id", id)
        .query(MailOutbox::row)
        .optional();
  }

  public Optional<StoredEmail> findByIdempotencyKey(String idempotencyKey) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM mail_message WHERE idempotency_key = :key")
        .param("key", idempotencyKey)
        .query(MailOutbox::row)
        .optional();
  }

  /** Every message to this address (case-insensitive), newest first. */
  public List<StoredEmail> findByRecipient(String email) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM mail_message WHERE recipient_email = :email"
            + " ORDER BY created_at DESC, id DESC")
        .param("email", email == null ? "" : email.strip().toLowerCase(Locale.ROOT))
        .query(MailOutbox::row)
        .list();
  }

  private static StoredEmail row(ResultSet rs, int rowNum) throws SQLException {
    return new StoredEmail(
        rs.getLong("id"),
        rs.getString("idempotency_key"),
        rs.getString("template"),
        rs.getString("recipient_email"),
        rs.getString("recipient_name"),
        rs.getString("locale"),
        rs.getString("subject"),
        rs.getString("body_text"),
        rs.getString("body_html"),
        MailStatus.valueOf(rs.getString("status")),
        rs.getInt("attempts"),
        rs.getString("last_error"),
        utc(rs.getObject("created_at", OffsetDateTime.class)),
        utc(rs.getObject("sent_at", OffsetDateTime.class)),
        utc(rs.getObject("recovered_at", OffsetDateTime.class)),
        calendarPart(rs));
  }

  static CalendarPart calendarPart(ResultSet rs) throws SQLException {
    String method = rs.getString("calendar_method");
    return method == null ? null : new CalendarPart(method, rs.getString("calendar_ics"));
  }

  // H2 keeps the writer's offset, PostgreSQL answers in the session zone: show both the same way.
  private static OffsetDateTime utc(OffsetDateTime value) {
    return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC);
  }
}
