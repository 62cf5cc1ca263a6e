package io.escala.documents;

import io.escala.mail.EmailRequest;
import io.escala.mail.EmailSender;
import io.escala.mail.Recipient;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The requester's e-mails ({@link BatchMail}), in their language. Names and counts come from the batch row when the
 * mail is rendered, and links are signed then (never kept in the case); the caller passes the idempotency key of its
 * step, so a retried job sends nothing twice.
 */
@Service
public class BatchMailer {

  private static final Logger log = LoggerFactory.getLogger(BatchMailer.class);

  private final EmailSender mail;
  private final JdbcClient jdbc;

  BatchMailer(EmailSender mail, JdbcClient jdbc) {
    this.mail = mail;
    this.jdbc = jdbc;
  }

  /**
   * @param extra what only the caller knows ({@code downloadUrl} and {@code validUntil} for
   *     {@link BatchMail#DELIVERED})
   * @return {@code false}: the batch names no requester (nobody to write to)
   */
  public boolean send(BatchMail kind, DocumentBatch batch, String idempotencyKey, Map<String, Object> extra) {
    DocumentBatch.Requester requester = batch.requester();
    if (requester == null || requester.email() == null || requester.email().isBlank()) {
      log.info("Batch {} names no requester: no {} e-mail", batch.id(), kind);
      return false;
    }
    Map<String, Object> model = new HashMap<>(extra);
    String name = requester.name() == null || requester.name().isBlank() ? "" : requester.name().strip();
    model.put("firstName", name.isEmpty() ? requester.email() : name.split("\\s+", 2)[0]);
    model.put("batchId", batch.id());
    model.put("templateName", templateName(batch.templateVersionId()));
    model.put("accepted", batch.rowsTotal());
    model.put("refused", batch.rowsRejected());
    model.put("economy", batch.mode() == DocumentBatch.Mode.ECONOMY);
    model.put("rounds", batch.reviewRound());
    mail.send(new EmailRequest(idempotencyKey, kind.template(), new Recipient(requester.email(),
        name.isEmpty() ? requester.email() : name), requester.locale(), model,
        new Object[] {batch.id(), model.get("templateName")}));
    return true;
  }

  private String templateName(long versionId) {
    return jdbc.sql("""
            SELECT t.name FROM document_template t JOIN document_template_version v ON v.template_id = t.id
            WHERE v.id = :v""")
        .param("v", versionId).query(String.class).single();
  }
}
