package io.escala.documents;

import io.escala.platform.PersonalDataHolder;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A person erased from Escala, as bulk documents know them: as the requester of batches (their name and address go;
 * the batch and its case go on, and its e-mails are no longer sent), and as the subject of rows (a spreadsheet row
 * that names their address: its values, its document, the LLM answers cached for it and the reviewers' comments go;
 * the row stays, marked, so the batch's counts and the export still account for every input row).
 */
@Component
class DocumentsPersonalData implements PersonalDataHolder {

  static final String ERASED = "[erased]";

  private final JdbcClient jdbc;

  DocumentsPersonalData(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void erase(String normalizedEmail) {
    String email = normalizedEmail.toLowerCase(Locale.ROOT);
    jdbc.sql("""
            UPDATE document_batch SET requester_name = NULL, requester_email = NULL
            WHERE LOWER(requester_email) = :email""")
        .param("email", email).update();
    // input_json is the row's values as JSON: an address appears there as a quoted JSON string value
    List<Long> rows = jdbc.sql("SELECT id FROM document_row WHERE LOWER(input_json) LIKE :pattern")
        .param("pattern", "%\"" + likeEscaped(email) + "\"%").query(Long.class).list();
    for (long row : rows) {
      String key = jdbc.sql("SELECT idempotency_key FROM document_row WHERE id = :id").param("id", row)
          .query(String.class).single();
      jdbc.sql("DELETE FROM document_llm_cache WHERE cache_key LIKE :prefix")
          .param("prefix", likeEscaped(key.strip()) + ":%").update();
      jdbc.sql("""
              UPDATE document_row SET input_json = '{}', review_comment = NULL,
                     output = CASE WHEN output IS NULL THEN NULL ELSE :erased END
              WHERE id = :id""")
          .param("erased", ERASED).param("id", row).update();
      jdbc.sql("UPDATE document_review SET review_comment = CASE WHEN decision = 'REJECTED' THEN :erased"
              + " ELSE NULL END WHERE row_id = :id")
          .param("erased", ERASED).param("id", row).update();
    }
  }

  /** {@code %} and {@code _} in an address are literal; PostgreSQL and H2 both take {@code \} as LIKE's escape. */
  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
