package io.escala.documents;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code escala.documents.flow.*}: the timers and task deadlines of processes/bulk-document-approval.bpmn.
 *
 * @param stuckAfter a standard batch still generating after this goes to the document team as "stuck"
 * @param economyStuckAfter the same for an economy batch (the OpenAI Batch API may take up to 24 hours)
 * @param stuckTaskDue the due date of "Look into stuck batch", after it appears
 * @param reviewDue the due date of "Review sample", after it appears
 * @param staffLanguage the language of the Tasklist forms of the flow (es, pt-BR or en)
 */
@ConfigurationProperties("escala.documents.flow")
public record DocumentFlowProperties(
    @DefaultValue("PT2H") Duration stuckAfter,
    @DefaultValue("PT26H") Duration economyStuckAfter,
    @DefaultValue("PT4H") Duration stuckTaskDue,
    @DefaultValue("P2D") Duration reviewDue,
    @DefaultValue("es") String staffLanguage) {

  public DocumentFlowProperties {
    if (!List.of("es", "pt-BR", "en").contains(staffLanguage)) {
      throw new IllegalArgumentException("escala.documents.flow.staff-language is es, pt-BR or en, not "
          + staffLanguage);
    }
  }

  public Locale staffLocale() {
    return Locale.forLanguageTag(staffLanguage);
  }

  Duration stuckAfter(DocumentBatch.Mode mode) {
    return mode == DocumentBatch.Mode.ECONOMY ? economyStuckAfter : stuckAfter;
  }
}
