package io.escala.onboarding;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Escala's own record of signups and completed setup steps. */
@Repository
public class SignupRepository {

  private static final String COLUMNS = "id, email, name, company, country, product, plan, goals, locale,"
      + " consent_text, consent_at, status, created_at, verified_at, activated_at";

  private final JdbcClient jdbc;

  public SignupRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @throws org.springframework.dao.DuplicateKeyException when the e-mail is already signed up */
  public void insert(Signup signup) {
    jdbc.sql("INSERT INTO onboarding_signup (" + COLUMNS + ") VALUES (:id, :email, :name, :company, :country,"
            + " :product, :plan, :goals, :locale, :consentText, :consentAt, :status, :createdAt, NULL, NULL)")
        .param("id", signup.id())
        .param("email", signup.email())
        .param("name", signup.name())
        .param("company", signup.company())
        .param("country", signup.country())
        .param("product", signup.product().code())
        .param("plan", signup.plan().code())
        .param("goals", signup.goals())
        .param("locale", signup.locale().toLanguageTag())
        .param("consentText", signup.consentText())
        .param("consentAt", utc(signup.consentAt()))
        .param("status", signup.status().name())
        .param("createdAt", utc(signup.createdAt()))
        .update();
  }

  public Optional<Signup> findById(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM onboarding_signup WHERE id = :id").param("id", id)
        .query(SignupRepository::map).optional();
  }

  public Optional<Signup> findByEmail(String normalizedEmail) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM onboarding_signup WHERE email = :email")
        .param("email", normalizedEmail).query(SignupRepository::map).optional();
  }

  /** @return true when this call verified it, false when it already was */
  public boolean markVerified(String id, Instant at) {
    return jdbc.sql("UPDATE onboarding_signup SET status = 'VERIFIED', verified_at = :at"
            + " WHERE id = :id AND status = 'PENDING_VERIFICATION'")
        .param("at", utc(at)).param("id", id).update() == 1;
  }

  public void markActivated(String id, Instant at) {
    jdbc.sql("UPDATE onboarding_signup SET status = 'ACTIVE', activated_at = :at WHERE id = :id AND status <> 'ACTIVE'")
        .param("at", utc(at)).param("id", id).update();
  }

  /** @return true when the step was new */
  public boolean completeStep(String id, String step, Instant at) {
    Integer present = jdbc.sql("SELECT COUNT(*) FROM onboarding_step WHERE signup_id = :id AND step = :step")
        .param("id", id).param("step", step).query(Integer.class).single();
    if (present > 0) {
      return false;
    }
    jdbc.sql("INSERT INTO onboarding_step (signup_id, step, completed_at) VALUES (:id, :step, :at)")
        .param("id", id).param("step", step).param("at", utc(at)).update();
    return true;
  }

  public Set<String> completedSteps(String id) {
    List<String> steps = jdbc.sql("SELECT step FROM onboarding_step WHERE signup_id = :id").param("id", id)
        .query(String.class).list();
    return new TreeSet<>(steps);
  }

  /** Erasure: the signup and its steps (cascade). */
  public void delete(String id) {
    jdbc.sql("DELETE FROM onboarding_signup WHERE id = :id").param("id", id).update();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static Signup map(ResultSet rs, int row) throws SQLException {
    return new Signup(
        rs.getString("id"),
        rs.getString("email"),
        rs.getString("name"),
        rs.getString("company"),
        rs.getString("country"),
        Product.fromCode(rs.getString("product")),
        Plan.fromCode(rs.getString("plan")),
        rs.getString("goals"),
        Locale.forLanguageTag(rs.getString("locale")),
        rs.getString("consent_text"),
        instant(rs, "consent_at"),
        Signup.Status.valueOf(rs.getString("status")),
        instant(rs, "created_at"),
        instant(rs, "verified_at"),
        instant(rs, "activated_at"));
  }
}
