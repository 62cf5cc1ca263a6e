package io.escala.leads;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Escala's record of leads and their per-channel consent. */
@Repository
public class LeadRepository {

  private static final String COLUMNS = "lead_key, name, company, role, company_size, country, budget_range,"
      + " interest, need, language, time_zone, consent_email, consent_phone, consent_text, consent_at, source,"
      + " status, created_at";

  private final JdbcClient jdbc;

  public LeadRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @throws org.springframework.dao.DuplicateKeyException when the lead exists */
  public void insert(Lead lead) {
    jdbc.sql("INSERT INTO nurture_lead (" + COLUMNS + ", updated_at) VALUES (:key, :name, :company, :role,"
            + " :companySize, :country, :budgetRange, :interest, :need, :language, :timeZone, :consentEmail,"
            + " :consentPhone, :consentText, :consentAt, :source, :status, :createdAt, :createdAt)")
        .paramSource(params(lead))
        .update();
  }

  /**
   * The submission the address owner confirmed becomes the profile: newer answers replace older ones, blanks keep
   * what we had. E-mail consent is given now (and an unsubscribe or bounce lifted, the click proves the mailbox is
   * read); phone consent given now is recorded, not given now does not withdraw an earlier one.
   */
  public void applyConfirmedSubmission(Lead submitted, String consentText, Instant confirmedAt) {
    java.util.Map<String, Object> params = params(submitted);
    params.put("consentText", consentText);
    params.put("confirmedAt", utc(confirmedAt));
    jdbc.sql("UPDATE nurture_lead SET name = :name,"
            + " company = COALESCE(:company, company), role = COALESCE(:role, role),"
            + " company_size = COALESCE(:companySize, company_size), country = COALESCE(:country, country),"
            + " budget_range = COALESCE(:budgetRange, budget_range), interest = COALESCE(:interest, interest),"
            + " need = COALESCE(:need, need), language = :language, time_zone = :timeZone,"
            + " consent_email = TRUE,"
            + " consent_phone = CASE WHEN :consentPhone THEN TRUE ELSE consent_phone END,"
            + " consent_text = :consentText, consent_at = :confirmedAt,"
            + " status = CASE WHEN status IN ('UNSUBSCRIBED', 'BOUNCED') THEN 'OPEN' ELSE status END,"
            + " updated_at = :confirmedAt WHERE lead_key = :key")
        .paramSource(params)
        .update();
  }

  /** The last time the lead unsubscribed, if it ever did. */
  public Optional<Instant> unsubscribedAt(String key) {
    return jdbc.sql("SELECT unsubscribed_at FROM nurture_lead WHERE lead_key = :key").param("key", key)
        .query((rs, row) -> Optional.ofNullable(rs.getObject("unsubscribed_at", OffsetDateTime.class))
            .map(OffsetDateTime::toInstant))
        .optional().flatMap(at -> at);
  }

  public Optional<Lead> find(String key) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM nurture_lead WHERE lead_key = :key").param("key", key)
        .query(LeadRepository::map).optional();
  }

  /** @return true when the status changed */
  public boolean markUnsubscribed(String key, Instant at) {
    return jdbc.sql("UPDATE nurture_lead SET consent_email = FALSE, status = 'UNSUBSCRIBED', unsubscribed_at = :at,"
            + " updated_at = :at WHERE lead_key = :key AND status <> 'UNSUBSCRIBED'")
        .param("at", utc(at)).param("key", key).update() == 1;
  }

  /**
   * A new case for a lead whose earlier case ended: it is open again, unless it withdrew consent or its address
   * bounced; only the owner's confirmation lifts those, not a submission anybody can make.
   */
  public void reopen(String key, Instant at) {
    jdbc.sql("UPDATE nurture_lead SET status = 'OPEN', updated_at = :at WHERE lead_key = :key"
            + " AND status IN ('HANDLED', 'DEMO_BOOKED')")
        .param("at", utc(at)).param("key", key).update();
  }

  public boolean markStatus(String key, Lead.Status status, Instant at) {
    return jdbc.sql("UPDATE nurture_lead SET status = :status, updated_at = :at WHERE lead_key = :key"
            + " AND status <> :status")
        .param("status", status.name()).param("at", utc(at)).param("key", key).update() == 1;
  }

  public void delete(String key) {
    jdbc.sql("DELETE FROM nurture_lead WHERE lead_key = :key").param("key", key).update();
  }

  private static java.util.Map<String, Object> params(Lead lead) {
    java.util.Map<String, Object> params = new java.util.HashMap<>();
    params.put("key", lead.key());
    params.put("name", lead.name());
    params.put("company", lead.company());
    params.put("role", lead.role());
    params.put("companySize", lead.companySize());
    params.put("country", lead.country());
    params.put("budgetRange", lead.budgetRange());
    params.put("interest", lead.interest());
    params.put("need", lead.need());
    params.put("language", lead.language().toLanguageTag());
    params.put("timeZone", lead.timeZone().getId());
    params.put("consentEmail", lead.consentEmail());
    params.put("consentPhone", lead.consentPhone());
    params.put("consentText", lead.consentText());
    params.put("consentAt", utc(lead.consentAt()));
    params.put("source", lead.source());
    params.put("status", lead.status().name());
    params.put("createdAt", utc(lead.createdAt()));
    return params;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Lead map(ResultSet rs, int row) throws SQLException {
    return new Lead(
        rs.getString("lead_key"), rs.getString("name"), rs.getString("company"), rs.getString("role"),
        rs.getString("company_size"), rs.getString("country"), rs.getString("budget_range"),
        rs.getString("interest"), rs.getString("need"), Locale.forLanguageTag(rs.getString("language")),
        ZoneId.of(rs.getString("time_zone")), rs.getBoolean("consent_email"), rs.getBoolean("consent_phone"),
        rs.getString("consent_text"), rs.getObject("consent_at", OffsetDateTime.class).toInstant(),
        rs.getString("source"), Lead.Status.valueOf(rs.getString("status")),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
