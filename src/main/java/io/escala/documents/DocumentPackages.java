package io.escala.documents;

import io.escala.platform.PublicUrl;
import io.escala.platform.SignedLinks;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivery of an approved batch: approval (each delivered document's audit line), the requester's signed download
 * link (signed when asked for, never stored), and the package itself, a ZIP streamed as it is made: the delivered
 * documents are read a page at a time and rendered on a small pool (PDF, and DOCX where the template version asks),
 * then written in line order, followed by {@code results.csv}. At most one page of rendered documents is in memory.
 */
@Component
public class DocumentPackages {

  public static final String LINK_PURPOSE = "documents-download";
  public static final String RESULTS_FILE = "results.csv";

  private static final Logger log = LoggerFactory.getLogger(DocumentPackages.class);

  /** What the download page shows of a batch. */
  public record Download(long batchId, String templateName, String templateKey, int templateVersion, boolean docx,
      DocumentBatch.Status status, int inputRows, int delivered, DocumentBatch.Requester requester) {

    public Locale locale() {
      return requester == null ? Locale.forLanguageTag("es") : requester.locale();
    }
  }

  /** A place among this node's concurrent ZIP downloads, given back on close. */
  public interface DownloadSlot extends AutoCloseable {
    @Override
    void close();
  }

  private record Rendered(BatchResults.Delivered document, byte[] pdf, byte[] docx, String failure) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final SignedLinks links;
  private final PublicUrl publicUrl;
  private final DeliveryProperties properties;
  private final BatchResults results;
  private final DocumentAudit audit;
  private final DocumentTemplates templates;
  private final DocumentRendering rendering = new DocumentRendering();
  private final ExecutorService renderers;
  private final Semaphore downloads;

  public DocumentPackages(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock,
      SignedLinks links, PublicUrl publicUrl, DeliveryProperties properties, BatchResults results,
      DocumentAudit audit, DocumentTemplates templates) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.clock = clock;
    this.links = links;
    this.publicUrl = publicUrl;
    this.properties = properties;
    this.results = results;
    this.audit = audit;
    this.templates = templates;
    this.downloads = new Semaphore(properties.maxConcurrentDownloads());
    AtomicInteger threads = new AtomicInteger();
    this.renderers = Executors.newFixedThreadPool(properties.threads(), runnable -> {
      Thread thread = new Thread(runnable, "document-render-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  @PreDestroy
  void stop() {
    renderers.shutdownNow();
  }

  /**
   * GENERATED → APPROVED (or APPROVED already, as the review settled it), with an APPROVED line in the audit trail
   * of each document that will be delivered.
   *
   * @return {@code false}: those lines are written already (a retried job), or the batch is delivered
   * @throws IllegalStateException the batch is in no state to be approved
   */
  public boolean approve(long batchId, String by) {
    return transition(batchId, DocumentBatch.Status.GENERATED, DocumentBatch.Status.APPROVED, "decided_at", by,
        DocumentAudit.Event.APPROVED);
  }

  /** APPROVED → DELIVERED (the link went out), a DELIVERED line for each delivered document. */
  public boolean delivered(long batchId) {
    return transition(batchId, DocumentBatch.Status.APPROVED, DocumentBatch.Status.DELIVERED, "delivered_at",
        "escala", DocumentAudit.Event.DELIVERED);
  }

  private boolean transition(long batchId, DocumentBatch.Status from, DocumentBatch.Status to, String timeColumn,
      String actor, DocumentAudit.Event event) {
    return Boolean.TRUE.equals(transaction.execute(status -> {
      Timestamp now = Timestamp.from(clock.instant());
      int changed = jdbc.sql("UPDATE document_batch SET status = :to, " + timeColumn + " = :now"
              + " WHERE id = :id AND status = :from")
          .param("to", to.name()).param("now", now).param("id", batchId).param("from", from.name()).update();
      if (changed == 0) {
        String current = jdbc.sql("SELECT status FROM document_batch WHERE id = :id").param("id", batchId)
            .query(String.class).optional()
            .orElseThrow(() -> new IllegalArgumentException("no document batch " + batchId));
        if (current.equals(DocumentBatch.Status.DELIVERED.name())) {
          return false;
        }
        if (!current.equals(to.name())) {
          throw new IllegalStateException("batch " + batchId + " is " + current + ", not " + from);
        }
        // in the state already: SampleReview.settle marks a passing batch APPROVED itself (its round closes there);
        // the documents' lines are written once, here
        boolean written = jdbc.sql("SELECT COUNT(*) FROM document_audit WHERE batch_id = :b AND row_id IS NOT NULL"
                + " AND event = :event")
            .param("b", batchId).param("event", event.name()).query(Long.class).single() > 0;
        if (written) {
          return false;
        }
      }
      jdbc.sql("INSERT INTO document_audit (batch_id, row_id, event, actor, detail, created_at)"
              + " SELECT r.batch_id, r.id, :event, :actor, '{}', :now FROM document_row r "
              + BatchResults.LATEST_DECISION + " WHERE r.batch_id = :b AND " + BatchResults.DELIVERED)
          .param("event", event.name()).param("actor", actor.length() > 100 ? actor.substring(0, 100) : actor)
          .param("now", now).param("b", batchId).update();
      return true;
    }));
  }

  /** The requester's link to the download page, valid for {@code escala.documents.delivery.link-validity}. */
  public URI downloadLink(long batchId) {
    return URI.create(publicUrl.to("/documents/download/"
        + links.sign(LINK_PURPOSE, Long.toString(batchId), properties.linkValidity())));
  }

  /** The batch a download token names; {@code subject} is present for valid and expired tokens. */
  public SignedLinks.Verification verify(String token) {
    SignedLinks.Verification verification = links.verify(LINK_PURPOSE, token);
    if (verification.subject() != null && !verification.subject().matches("\\d{1,18}")) {
      return new SignedLinks.Verification(SignedLinks.Status.INVALID, null);
    }
    return verification;
  }

  /** The batch behind a download link, while it is approved or delivered. */
  public Optional<Download> downloadable(long batchId) {
    return find(batchId).filter(found -> found.status() == DocumentBatch.Status.APPROVED
        || found.status() == DocumentBatch.Status.DELIVERED);
  }

  public Optional<Download> find(long batchId) {
    return jdbc.sql("""
            SELECT b.id, b.status, b.template_version_id, b.requester_name, b.requester_email, b.requester_locale,
                   t.name, v.docx
            FROM document_batch b JOIN document_template_version v ON v.id = b.template_version_id
            JOIN document_template t ON t.id = v.template_id WHERE b.id = :id""")
        .param("id", batchId)
        .query((rs, n) -> {
          TemplateVersion version = templates.version(rs.getLong("template_version_id"));
          DocumentBatch.Requester requester = rs.getString("requester_email") == null ? null
              : new DocumentBatch.Requester(rs.getString("requester_name"), rs.getString("requester_email"),
                  Locale.forLanguageTag(rs.getString("requester_locale")));
          return new Download(rs.getLong("id"), rs.getString("name"), version.templateKey(), version.version(),
              rs.getBoolean("docx"), DocumentBatch.Status.valueOf(rs.getString("status")), 0, 0, requester);
        })
        .optional()
        .map(found -> new Download(found.batchId(), found.templateName(), found.templateKey(),
            found.templateVersion(), found.docx(), found.status(), results.inputRows(batchId),
            results.deliveredCount(batchId), found.requester()));
  }

  /** A place to stream a ZIP, or empty when this node streams {@code max-concurrent-downloads} already. */
  public Optional<DownloadSlot> downloadSlot() {
    return downloads.tryAcquire() ? Optional.of(downloads::release) : Optional.empty();
  }

  /** A download of the requester's, batch-wide in the audit trail. */
  public void downloaded(long batchId, String file) {
    audit.record(batchId, null, DocumentAudit.Event.DOWNLOADED, "requester", Map.of("file", file));
  }

  /** The export alone, in the requester's language. */
  public void writeResults(Download batch, OutputStream out) {
    results.writeCsv(batch.batchId(), batch.docx(), batch.locale(), properties.pageSize(), Map.of(), out);
  }

  /**
   * The ZIP: one PDF (and DOCX) per delivered document, named by line, then {@code results.csv}. A document that
   * cannot be drawn is left out and reported in the CSV; the stream stops when the client goes away.
   */
  public void writeZip(Download batch, OutputStream out) throws IOException {
    TemplateVersion.BodyFormat format = bodyFormat(batch.batchId());
    Map<Integer, String> failures = new TreeMap<>();
    ZipOutputStream zip = new ZipOutputStream(out);
    try {
      results.forEachDeliveredPage(batch.batchId(), properties.pageSize(), page -> {
        List<Future<Rendered>> rendered = new ArrayList<>(page.size());
        for (BatchResults.Delivered document : page) {
          rendered.add(renderers.submit(() -> render(document, format, batch.docx())));
        }
        try {
          for (Future<Rendered> future : rendered) {
            Rendered document = future.get();
            if (document.failure() != null) {
              failures.put(document.document().line(), document.failure());
              continue;
            }
            entry(zip, BatchResults.fileName(document.document().line(), "pdf"), document.pdf());
            if (document.docx() != null) {
              entry(zip, BatchResults.fileName(document.document().line(), "docx"), document.docx());
            }
          }
        } catch (IOException e) {
          rendered.forEach(future -> future.cancel(true));
          throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
          rendered.forEach(future -> future.cancel(true));
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while rendering batch " + batch.batchId(), e);
        } catch (ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        }
      });
      zip.putNextEntry(new ZipEntry(RESULTS_FILE));
      results.writeCsv(batch.batchId(), batch.docx(), batch.locale(), properties.pageSize(), failures,
          zip);
      zip.closeEntry();
      zip.finish();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private Rendered render(BatchResults.Delivered document, TemplateVersion.BodyFormat format, boolean docx) {
    try {
      return new Rendered(document, rendering.pdf(document.output(), format),
          docx ? rendering.docx(document.output(), format) : null, null);
    } catch (RuntimeException e) {
      log.error("Document of line {} could not be rendered", document.line(), e);
      String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      return new Rendered(document, null, null, reason.length() > 300 ? reason.substring(0, 300) : reason);
    }
  }

  private TemplateVersion.BodyFormat bodyFormat(long batchId) {
    long version = jdbc.sql("SELECT template_version_id FROM document_batch WHERE id = :id").param("id", batchId)
        .query(Long.class).single();
    return templates.version(version).bodyFormat();
  }

  private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content);
    zip.closeEntry();
  }
}
