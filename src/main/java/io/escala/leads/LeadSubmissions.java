package io.escala.leads;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Table {@code lead_submission}: every form submission exactly as sent. Anybody can type somebody else's address
 * into a form, so only the first submission of an address and one its owner confirmed become the lead's profile;
 * the others stay here for staff.
 */
@Repository
public class LeadSubmissions {

  static final int MAX_IP_LENGTH = 64;

  private final JdbcClient jdbc;

  public LeadSubmissions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored submission; {@code data} holds what was sent in the shape of a lead (status and key as submitted). */
  public record Submission(long id, Lead data, String clientIp, Instant submittedAt, Instant appliedAt) {

    /** For pages, which show times in UTC. */
    public OffsetDateTime submittedAtUtc() {
      return submittedAt.atOffset(ZoneOffset.UTC);
    }
  }

  /** @param applied true when it becomes the lead's profile now (the first submission of the address) */
  public long record(Lead submitted, String clientIp, boolean applied) {
    Map<String, Object> params = new HashMap<>();
    params.put("leadKey", submitted.key());
    params.put("name", submitted.name());
    params.put("company", submitted.company());
    params.put("role", submitted.role());
    params.put("companySize", submitted.companySize());
    params.put("country", submitted.country());
    params.put("budgetRange", submitted.budgetRange());
    params.put("interest", submitted.interest());
    params.put("need", submitted.need());
    params.put("language", submitted.language().toLanguageTag());
    params.put("timeZone", submitted.timeZone().getId());
    params.put("consentEmail", submitted.consentEmail());
    params.put("consentPhone", submitted.consentPhone());
    params.put("consentText", submitted.consentText());
    params.put("source", submitted.source());
    params.put("clientIp", ip(clientIp));
    params.put("submittedAt", utc(submitted.createdAt()));
    params.put("appliedAt", applied ? utc(submitted.createdAt()) : null);
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("""
            INSERT INTO lead_submission (lead_key, name, company, role, company_size, country, budget_range, interest,
              need, language, time_zone, consent_email, consent_phone, consent_text, source, client_ip, submitted_at,
              applied_at)
            VALUES (:leadKey, :name, :company, :role, :companySize, :country, :budgetRange, :interest, :need,
              :language, :timeZone, :consentEmail, :consentPhone, :consentText, :source, :clientIp, :submittedAt,
              :appliedAt)""")
        .paramSource(params)
        .update(keys, "id");
    return generatedId(keys);
  }

  public Optional<Submission> find(long id) {
    return jdbc.sql("SELECT * FROM lead_submission WHERE id = :id").param("id", id)
        .query(LeadSubmissions::map).optional();
  }

  /** Newest first. */
  public List<Submission> of(String leadKey, int limit) {
    return jdbc.sql("SELECT * FROM lead_submission WHERE lead_key = :leadKey ORDER BY submitted_at DESC, id DESC"
            + " FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")
        .param("leadKey", LeadKeys.of(leadKey))
        .query(LeadSubmissions::map).list();
  }

  /** The newest submissions of all leads, for staff. */
  public List<Submission> latest(int limit) {
    return jdbc.sql("SELECT * FROM lead_submission ORDER BY submitted_at DESC, id DESC FETCH FIRST "
            + Math.max(1, limit) + " ROWS ONLY")
        .query(LeadSubmissions::map).list();
  }

  public void markApplied(long id, Instant at) {
    jdbc.sql("UPDATE lead_submission SET applied_at = :at WHERE id = :id AND applied_at IS NULL")
        .param("at", utc(at)).param("id", id).update();
  }

  /** Erasure (the lead's consent requests go with their submissions). */
  public void deleteAll(String leadKey) {
    jdbc.sql("DELETE FROM lead_submission WHERE lead_key = :leadKey").param("leadKey", LeadKeys.of(leadKey))
        .update();
  }

  /** H2 names the key column ID, PostgreSQL id. */
  static long generatedId(KeyHolder keys) {
    return keys.getKeyList().get(0).entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("id"))
        .map(e -> ((Number) e.getValue()).longValue()).findFirst()
        .orElseThrow(() -> new IllegalStateException("No generated id"));
  }

  static String ip(String clientIp) {
    if (clientIp == null || clientIp.isBlank()) {
      return null;
    }
    String trimmed = clientIp.strip();
    return trimmed.length() <= MAX_IP_LENGTH ? trimmed : trimmed.substring(0, MAX_IP_LENGTH);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Submission map(ResultSet rs, int row) throws SQLException {
    Instant submittedAt = rs.getObject("submitted_at", OffsetDateTime.class).toInstant();
    OffsetDateTime appliedAt = rs.getObject("applied_at", OffsetDateTime.class);
    Lead data = new Lead(rs.getString("lead_key"), rs.getString("name"), rs.getString("company"),
        rs.getString("role"), rs.getString("company_size"), rs.getString("country"), rs.getString("budget_range"),
        rs.getString("interest"), rs.getString("need"), Locale.forLanguageTag(rs.getString("language")),
        ZoneId.of(rs.getString("time_zone")), rs.getBoolean("consent_email"), rs.getBoolean("consent_phone"),
        rs.getString("consent_text"), submittedAt, rs.getString("source"), Lead.Status.OPEN, submittedAt);
    return new Submission(rs.getLong("id"), data, rs.getString("client_ip"), submittedAt,
        appliedAt == null ? null : appliedAt.toInstant());
  }
}
