package io.escala.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.documents.SampleReview.Outcome;
import io.escala.documents.SampleReview.Progress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sampling rules as plain functions, and what the review page shows of a document. */
class SampleReviewTest {

  private static final ReviewProperties DEFAULTS = ReviewProperties.defaults();

  @Test
  void theRandomDrawIsFivePercentButAtLeastTenAndNeverMoreThanWasGenerated() {
    assertThat(SampleReview.sampleSize(0, DEFAULTS)).isZero();
    assertThat(SampleReview.sampleSize(4, DEFAULTS)).isEqualTo(4);
    assertThat(SampleReview.sampleSize(10, DEFAULTS)).isEqualTo(10);
    assertThat(SampleReview.sampleSize(100, DEFAULTS)).isEqualTo(10);
    assertThat(SampleReview.sampleSize(200, DEFAULTS)).as("5 % of 200 is 10, not 11 by a rounding error").isEqualTo(10);
    assertThat(SampleReview.sampleSize(201, DEFAULTS)).as("ceil(10.05)").isEqualTo(11);
    assertThat(SampleReview.sampleSize(10_000, DEFAULTS)).isEqualTo(500);
    assertThat(SampleReview.sampleSize(1_000, new ReviewProperties(2.5, 0, 10, 2))).isEqualTo(25);
    assertThat(SampleReview.sampleSize(1_000, new ReviewProperties(0, 3, 10, 2))).isEqualTo(3);
  }

  @Test
  void aRoundIsApprovedUpToTheThresholdAndRegeneratedAboveItWhileRoundsRemain() {
    assertThat(SampleReview.outcome(new Progress(1, 0, 10, 9, 0, 0), DEFAULTS)).isEqualTo(Outcome.INCOMPLETE);
    assertThat(SampleReview.outcome(new Progress(1, 0, 10, 10, 1, 0), DEFAULTS)).as("10 % is within 10 %")
        .isEqualTo(Outcome.APPROVED);
    assertThat(SampleReview.outcome(new Progress(1, 0, 10, 10, 2, 0), DEFAULTS)).isEqualTo(Outcome.REGENERATE);
    assertThat(SampleReview.outcome(new Progress(1, 1, 10, 10, 2, 0), DEFAULTS)).isEqualTo(Outcome.REGENERATE);
    assertThat(SampleReview.outcome(new Progress(1, 2, 10, 10, 2, 0), DEFAULTS)).as("two regenerations done")
        .isEqualTo(Outcome.REJECTED);
    assertThat(SampleReview.outcome(new Progress(1, 0, 10, 10, 2, 0), new ReviewProperties(5, 10, 10, 0)))
        .isEqualTo(Outcome.REJECTED);
    assertThat(SampleReview.outcome(new Progress(1, 0, 0, 0, 0, 0), DEFAULTS)).as("nothing was generated")
        .isEqualTo(Outcome.APPROVED);
    assertThat(new Progress(1, 0, 512, 37, 4, 3).rejectionRate()).isEqualTo(4 / 37.0);
  }

  @Test
  void aRegeneratedRowGetsANewKeyThatARetryOfTheSameRoundRepeats() {
    String old = SampleReview.sha256("row");
    String key = SampleReview.regeneratedKey(old, 1, "Menos formal.");
    assertThat(key).hasSize(64).matches("[0-9a-f]{64}").isNotEqualTo(old);
    assertThat(SampleReview.regeneratedKey(old, 1, "Menos formal.")).isEqualTo(key);
    assertThat(SampleReview.regeneratedKey(old, 2, "Menos formal.")).isNotEqualTo(key);
    assertThat(SampleReview.regeneratedKey(old, 1, "Más corto.")).isNotEqualTo(key);
  }

  @Test
  void theRoundsCommentsAreJoinedOnceEachAndBounded() {
    assertThat(SampleReview.joined(List.of("Más corto.", " ", "Sin tuteo.", "Más corto."))).isEqualTo(
        "Más corto.\nSin tuteo.");
    String long1 = "a".repeat(3000);
    String long2 = "b".repeat(3000);
    assertThat(SampleReview.joined(List.of(long1, long2))).hasSize(SampleReview.MAX_COMMENT).startsWith(long1 + "\n");
  }

  @Test
  void theDocumentIsShownWithoutScriptsHandlersOrDangerousLinks() {
    String html = ReviewedDocument.html("<h1 onclick=\"steal()\">Hola</h1><script>alert(1)</script>"
        + "<a href=\"javascript:alert(1)\">x</a><img src=\"https://tracker.example/p.gif\"><p style=\"color:red\">ok</p>",
        TemplateVersion.BodyFormat.HTML);
    assertThat(html).contains("<h1>Hola</h1>", "<p>ok</p>").doesNotContain("script", "onclick", "javascript",
        "tracker", "style");
    String markdown = ReviewedDocument.html("# Para Ana\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))"
        + " **bien**", TemplateVersion.BodyFormat.MARKDOWN);
    assertThat(markdown).contains("<h1>Para Ana</h1>", "<strong>bien</strong>", "&lt;script&gt;")
        .doesNotContain("<script", "javascript:");
  }
}
