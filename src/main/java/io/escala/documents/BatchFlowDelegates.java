package io.escala.documents;

import io.escala.platform.IdempotencyKeys;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The steps of processes/bulk-document-approval.bpmn. Each reads the batch as it is now in Escala's tables and calls
 * one service; the case holds the batch id and the small values its timers, task names and gateways need.
 */
final class BatchFlowDelegates {

  private BatchFlowDelegates() {}

  static long batchId(DelegateExecution execution) {
    return ((Number) execution.getVariable("batchId")).longValue();
  }

  static DocumentBatch batch(DocumentBatches batches, DelegateExecution execution) {
    long id = batchId(execution);
    return batches.find(id).orElseThrow(() -> new IllegalStateException("no document batch " + id));
  }

  /** "Tell requester: …" and "Send download link": the {@link BatchMail} named by the input parameter {@code mail}. */
  @Component("sendBatchMail")
  static class SendMail implements JavaDelegate {

    private final DocumentBatches batches;
    private final BatchMailer mailer;
    private final DocumentPackages packages;
    private final DeliveryProperties delivery;
    private final Clock clock;

    SendMail(DocumentBatches batches, BatchMailer mailer, DocumentPackages packages, DeliveryProperties delivery,
        Clock clock) {
      this.batches = batches;
      this.mailer = mailer;
      this.packages = packages;
      this.delivery = delivery;
      this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
      BatchMail kind = BatchMail.valueOf((String) execution.getVariable("mail"));
      DocumentBatch batch = batch(batches, execution);
      Map<String, Object> extra = Map.of();
      if (kind == BatchMail.DELIVERED) {
        DocumentPackages.Download approved = packages.find(batch.id()).orElseThrow();
        // the link is signed now, valid from now: the date the mail names is when it stops working
        extra = Map.of("downloadUrl", packages.downloadLink(batch.id()).toString(), "documents",
            approved.delivered(), "validUntil", DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(approved.locale()).format(clock.instant().plus(delivery.linkValidity())
                    .atZone(ZoneOffset.UTC)));
      }
      mailer.send(kind, batch, IdempotencyKeys.of(execution, "batch-mail:" + kind.name()), extra);
      if (kind == BatchMail.DELIVERED) {
        packages.delivered(batch.id());
      }
    }
  }

  /** "Start generation": the batch goes RUNNING; the tasks' label, the stuck timer and its task's due date. */
  @Component("startGeneration")
  static class StartGeneration implements JavaDelegate {

    private final DocumentBatches batches;
    private final DocumentTemplates templates;
    private final DocumentFlowProperties properties;
    private final Clock clock;

    StartGeneration(DocumentBatches batches, DocumentTemplates templates, DocumentFlowProperties properties,
        Clock clock) {
      this.batches = batches;
      this.templates = templates;
      this.properties = properties;
      this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
      DocumentBatch batch = batch(batches, execution);
      if (batch.status() == DocumentBatch.Status.READY) {
        batches.start(batch.id());
      }
      // "#41 carta-bienvenida v3 · Fernanda Lima (512)": what the task lists of Tasklist show
      TemplateVersion version = templates.version(batch.templateVersionId());
      String requester = batch.requester() == null || batch.requester().name() == null ? batch.requestedBy()
          : batch.requester().name();
      execution.setVariable("batchLabel", "#" + batch.id() + " " + version.templateKey() + " v" + version.version()
          + " · " + requester + " (" + batch.rowsTotal() + ")");
      setStuckTimer(execution, properties, batch.mode(), clock);
    }
  }

  static void setStuckTimer(DelegateExecution execution, DocumentFlowProperties properties, DocumentBatch.Mode mode,
      Clock clock) {
    execution.setVariable("stuckAfter", properties.stuckAfter(mode).toString());
    execution.setVariable("stuckTaskDue", Date.from(clock.instant().plus(properties.stuckAfter(mode))
        .plus(properties.stuckTaskDue())));
  }

  /** "Draw review sample": the round's sample in document_review; the task's figures and due date. */
  @Component("drawReviewSample")
  static class DrawSample implements JavaDelegate {

    private final SampleReview review;
    private final DocumentBatches batches;
    private final DocumentFlowProperties properties;
    private final Clock clock;

    DrawSample(SampleReview review, DocumentBatches batches, DocumentFlowProperties properties, Clock clock) {
      this.review = review;
      this.batches = batches;
      this.properties = properties;
      this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
      long id = batchId(execution);
      execution.setVariable("sampleSize", review.draw(id));
      execution.setVariable("reviewRoundLabel", batch(batches, execution).reviewRound() + 1);
      execution.setVariable("reviewDue", Date.from(clock.instant().plus(properties.reviewDue())));
    }
  }

  /** "Settle review": the outcome from the decisions in the tables (or CANCELLED when the batch was cancelled). */
  @Component("settleReview")
  static class Settle implements JavaDelegate {

    private final SampleReview review;
    private final DocumentBatches batches;

    Settle(SampleReview review, DocumentBatches batches) {
      this.review = review;
      this.batches = batches;
    }

    @Override
    public void execute(DelegateExecution execution) {
      DocumentBatch batch = batch(batches, execution);
      String outcome = batch.status() == DocumentBatch.Status.CANCELLED ? "CANCELLED"
          : review.settle(batch.id()).name();
      execution.setVariable("reviewOutcome", outcome);
    }
  }

  /** "Regenerate with reviewers' comments": the rows go back to the LLM; the stuck timer starts again. */
  @Component("regenerateDocuments")
  static class Regenerate implements JavaDelegate {

    private final SampleReview review;
    private final DocumentBatches batches;
    private final DocumentFlowProperties properties;
    private final Clock clock;

    Regenerate(SampleReview review, DocumentBatches batches, DocumentFlowProperties properties, Clock clock) {
      this.review = review;
      this.batches = batches;
      this.properties = properties;
      this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
      DocumentBatch batch = batch(batches, execution);
      review.regenerate(batch.id(), batch.reviewRound());
      setStuckTimer(execution, properties, batch.mode(), clock);
    }
  }

  @Component("approveBatch")
  static class Approve implements JavaDelegate {

    private final DocumentPackages packages;

    Approve(DocumentPackages packages) {
      this.packages = packages;
    }

    @Override
    public void execute(DelegateExecution execution) {
      packages.approve(batchId(execution), "review");
    }
  }

  /** "Cancel batch": the document team gave up on a stuck batch in Tasklist. */
  @Component("cancelBatch")
  static class Cancel implements JavaDelegate {

    private final DocumentBatches batches;

    Cancel(DocumentBatches batches) {
      this.batches = batches;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String by = execution.getVariable("stuckDecidedBy") instanceof String user ? user : "document team";
      batches.cancel(batchId(execution), by);
    }
  }
}
