package io.escala.certificates;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues, finds and revokes course certificates, and renders one as a PDF. The row is the certificate: the PDF is
 * drawn from it on each download, so a revocation or an erasure leaves no stored copy behind, and there is no blob to
 * keep in step with the row.
 */
@Service
public class Certificates {

  static final int MOST_LISTED = 50;
  static final int MAX_REASON = 500;

  private static final String COLUMNS = """
      verification_code, learner_name, learner_email, course_title, completed_on, language, issued_at, revoked_at,
      revoked_by, revoke_reason, erased_at""";

  private final JdbcClient jdbc;
  private final CertificatePdf pdf;
  private final Clock clock;
  private final TransactionTemplate savepoint;

  Certificates(JdbcClient jdbc, CertificatePdf pdf, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.pdf = pdf;
    this.clock = clock;
    // The insert may lose a race on the idempotency key: a savepoint keeps the caller's transaction (a job's, on
    // PostgreSQL) usable after the refused insert.
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * The learner's certificate for this course run: a new one, or the one already issued for the same run and e-mail
   * (as it was issued: a second request does not change the name or title on it).
   */
  public Certificate issue(IssueRequest request) {
    Optional<Certificate> issued = byIdempotencyKey(request.idempotencyKey());
    if (issued.isPresent()) {
      return issued.get();
    }
    for (int attempt = 1; ; attempt++) {
      String code = VerificationCode.generate();
      try {
        savepoint.executeWithoutResult(status -> insert(code, request));
        return find(code).orElseThrow();
      } catch (DuplicateKeyException clash) {
        // Issued concurrently for the same key, or (2^-59) a code drawn twice: the first case ends here.
        issued = byIdempotencyKey(request.idempotencyKey());
        if (issued.isPresent()) {
          return issued.get();
        }
        if (attempt == 3) {
          throw clash;
        }
      }
    }
  }

  /** The certificate with this code, in any state (valid, revoked, erased); empty for a malformed or unknown code. */
  public Optional<Certificate> find(String code) {
    return VerificationCode.parse(code).flatMap(canonical -> jdbc.sql(
            "SELECT " + COLUMNS + " FROM course_certificate WHERE verification_code = ?")
        .param(canonical).query(Certificates::certificate).optional());
  }

  /**
   * Revokes a valid certificate: its page says so from now on and its PDF is no longer served. False when there is no
   * such certificate or it was already revoked or erased (the first revocation stands).
   *
   * @param by the staff user revoking it
   * @param reason why, for the staff record (1 to 500 characters)
   */
  public boolean revoke(String code, String by, String reason) {
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty() || why.length() > MAX_REASON) {
      throw new IllegalArgumentException("A revocation needs a reason of 1 to " + MAX_REASON + " characters");
    }
    if (by == null || by.isBlank()) {
      throw new IllegalArgumentException("A revocation names who revoked");
    }
    Optional<String> canonical = VerificationCode.parse(code);
    return canonical.isPresent() && jdbc.sql("""
            UPDATE course_certificate SET revoked_at = :now, revoked_by = :by, revoke_reason = :reason
             WHERE verification_code = :code AND revoked_at IS NULL AND erased_at IS NULL""")
        .param("now", now()).param("by", by).param("reason", why).param("code", canonical.get()).update() == 1;
  }

  /** The PDF of a valid certificate, in the learner's language; empty when unknown, revoked or erased. */
  public Optional<byte[]> pdf(String code) {
    return find(code).filter(Certificate::valid).map(pdf::render);
  }

  /** The learner's certificates, newest first. */
  public List<Certificate> ofLearner(String email) {
    String normalized;
    try {
      normalized = IssueRequest.normalizeEmail(email);
    } catch (IllegalArgumentException notAnAddress) {
      return List.of();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM course_certificate WHERE learner_email = ? ORDER BY issued_at DESC,"
            + " id DESC").param(normalized).query(Certificates::certificate).list();
  }

  /** The most recently issued certificates, for the staff page. */
  public List<Certificate> latest() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM course_certificate ORDER BY issued_at DESC, id DESC"
        + " FETCH FIRST " + MOST_LISTED + " ROWS ONLY").query(Certificates::certificate).list();
  }

  /**
   * Erasure: the name, e-mail, idempotency key and revocation note go; the code stays, marked erased, so someone
   * checking a printed copy learns it was withdrawn rather than that it never existed, and the code is never reused.
   */
  int erase(String normalizedEmail) {
    return jdbc.sql("""
            UPDATE course_certificate
               SET learner_name = NULL, learner_email = NULL, idempotency_key = NULL, revoke_reason = NULL,
                   erased_at = :now
             WHERE learner_email = :email""")
        .param("now", now()).param("email", normalizedEmail.toLowerCase(Locale.ROOT)).update();
  }

  private Optional<Certificate> byIdempotencyKey(String key) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM course_certificate WHERE idempotency_key = ?").param(key)
        .query(Certificates::certificate).optional();
  }

  private void insert(String code, IssueRequest request) {
    jdbc.sql("""
            INSERT INTO course_certificate (verification_code, idempotency_key, learner_name, learner_email,
                                            course_title, completed_on, language, issued_at)
            VALUES (:code, :key, :name, :email, :title, :completedOn, :language, :now)""")
        .param("code", code).param("key", request.idempotencyKey()).param("name", request.learnerName())
        .param("email", request.learnerEmail()).param("title", request.courseTitle())
        .param("completedOn", request.completedOn()).param("language", request.language().toLanguageTag())
        .param("now", now()).update();
  }

  private OffsetDateTime now() {
    return clock.instant().atOffset(ZoneOffset.UTC);
  }

  private static Certificate certificate(ResultSet rs, int row) throws SQLException {
    return new Certificate(rs.getString("verification_code"), rs.getString("learner_name"),
        rs.getString("learner_email"), rs.getString("course_title"), rs.getObject("completed_on", LocalDate.class),
        Locale.forLanguageTag(rs.getString("language")), instant(rs, "issued_at"),
        instant(rs, "revoked_at"), rs.getString("revoked_by"), rs.getString("revoke_reason"),
        instant(rs, "erased_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
