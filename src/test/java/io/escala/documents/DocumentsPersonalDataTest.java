package io.escala.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.support.MigratedTestDatabase;
import io.escala.support.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Erasure as bulk documents see it: a requester's name and address, and the rows that name a person. */
class DocumentsPersonalDataTest {

  private MigratedTestDatabase database;
  private DocumentBatches batches;
  private long batchId;

  @BeforeEach
  void batchWithThreePeople() {
    database = MigratedTestDatabase.h2("documents-erasure");
    MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    DocumentTemplates templates = new DocumentTemplates(database.jdbc, database.transactionManager, clock);
    batches = new DocumentBatches(database.jdbc, clock, event -> { }, DocumentsProperties.defaults());
    BatchIntake intake = new BatchIntake(templates, batches, new JdbcTemplate(database.dataSource),
        database.transactionManager, clock, DocumentsProperties.defaults());
    long version = templates.save("certificado", "Certificado", "<p>{{nombre}}</p><p>{{llm:texto}}</p>",
        TemplateVersion.BodyFormat.HTML, List.of(new TemplateSection("texto", "Felicita a {{nombre}}.", 200, null,
            null, null, List.of(), List.of(), null)), "ana").id();
    batchId = intake.json(version, "gpt-4o-mini", "ana", List.of(
        Map.of("nombre", "Ana Pérez", "correo", "Ana.Perez@Example.com"),
        Map.of("nombre", "Luis Gómez", "correo", "luis@example.com"),
        Map.of("nombre", "Axb", "correo", "axb@example.com"))).batchId();
    batches.describe(batchId, new DocumentBatch.Requester("Marta Díaz", "marta@empresa.mx",
        Locale.forLanguageTag("es")), DocumentBatch.Mode.STANDARD);
    database.jdbc.sql("UPDATE document_row SET status = 'GENERATED', output = CONCAT('<p>Felicidades ', line_number,"
        + " '</p>'), checks_passed = TRUE WHERE batch_id = :b").param("b", batchId).update();
    database.jdbc.sql("""
            INSERT INTO document_llm_cache (cache_key, model, output, prompt_tokens, completion_tokens, created_at)
            SELECT CONCAT(idempotency_key, ':texto'), 'gpt-4o-mini', 'Felicidades', 10, 5, CURRENT_TIMESTAMP
            FROM document_row WHERE batch_id = :b""").param("b", batchId).update();
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aPersonNamedInARowLosesTheirValuesDocumentAndCachedAnswersAndTheRowStaysCounted() {
    new DocumentsPersonalData(database.jdbc).erase("ana.perez@example.com");

    Map<String, Object> erased = row(1);
    assertThat(erased).containsEntry("INPUT_JSON", "{}").containsEntry("OUTPUT", DocumentsPersonalData.ERASED)
        .containsEntry("STATUS", "GENERATED");
    assertThat(cached((String) erased.get("IDEMPOTENCY_KEY"))).isZero();
    Map<String, Object> other = row(2);
    assertThat((String) other.get("INPUT_JSON")).contains("luis@example.com");
    assertThat(cached((String) other.get("IDEMPOTENCY_KEY"))).isOne();
    assertThat(database.count("document_row")).isEqualTo(3);
  }

  @Test
  void anUnderscoreInTheAddressIsNotAWildcard() {
    new DocumentsPersonalData(database.jdbc).erase("a_b@example.com");
    assertThat((String) row(3).get("INPUT_JSON")).contains("axb@example.com");
  }

  @Test
  void aRequesterLosesNameAndAddressAndTheBatchGoesOnWithoutTheirEmails() {
    new DocumentsPersonalData(database.jdbc).erase("marta@empresa.mx");
    DocumentBatch batch = batches.find(batchId).orElseThrow();
    assertThat(batch.requester()).isNull();
    assertThat(batch.status()).isEqualTo(DocumentBatch.Status.READY);
  }

  private Map<String, Object> row(int line) {
    return database.jdbc.sql("SELECT status, input_json, output, idempotency_key FROM document_row"
            + " WHERE batch_id = :b AND line_number = :l").param("b", batchId).param("l", line)
        .query().singleRow();
  }

  private long cached(String rowKey) {
    return database.jdbc.sql("SELECT COUNT(*) FROM document_llm_cache WHERE cache_key = :k")
        .param("k", rowKey.strip() + ":texto").query(Long.class).single();
  }
}
