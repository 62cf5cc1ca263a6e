package io.escala.documents;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import io.escala.documents.SampleReview.Decision;
import io.escala.documents.SampleReview.Progress;
import io.escala.documents.SampleReview.Scope;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** What finishing a review and deciding do with the request, without the page's rendering (the browser test has it). */
class DocumentReviewControllerTest {

  private static final long BATCH = 42;

  private final SampleReview review = mock(SampleReview.class);
  private final DocumentBatches batches = mock(DocumentBatches.class);
  private final BatchFlow flow = mock(BatchFlow.class);
  private MockMvc mvc;

  @BeforeEach
  void setUp() {
    mvc = MockMvcBuilders.standaloneSetup(new DocumentReviewController(review, batches, flow)).build();
    when(batches.find(BATCH)).thenReturn(Optional.of(new DocumentBatch(BATCH, 1, "gpt-4o-mini",
        DocumentBatch.Status.GENERATED, "ana", 100, 0, 100, 2, 0, 100, 0, 0, 0, 0, null, null, null, null,
        DocumentBatch.Mode.STANDARD, 0, null, null, null)));
    when(review.properties()).thenReturn(ReviewProperties.defaults());
    when(review.decided(anyLong(), any())).thenReturn(List.of());
    when(review.nextUndecided(anyLong(), anyInt())).thenReturn(OptionalInt.empty());
    when(review.scope(anyLong())).thenReturn(Optional.empty());
  }

  @Test
  void aboveTheThresholdFinishingNeedsTheScopeAndPassesItOn() throws Exception {
    when(review.progress(BATCH)).thenReturn(new Progress(BATCH, 0, 12, 12, 4, 2));

    mvc.perform(post("/staff/document-review/42/finish").principal(() -> "rita"))
        .andExpect(status().isBadRequest()).andExpect(view().name("documents/review-summary"))
        .andExpect(model().attribute("problem", "documents.review.error.scopeRequired"));
    verify(flow, never()).finishReview(anyLong(), any());

    mvc.perform(post("/staff/document-review/42/finish").param("scope", "ALL").principal(() -> "rita"))
        .andExpect(redirectedUrl("/staff/document-review"));
    verify(review).chooseScope(BATCH, Scope.ALL);
    verify(flow).finishReview(BATCH, "rita");
  }

  @Test
  void withinTheThresholdFinishingAsksNothing() throws Exception {
    when(review.progress(BATCH)).thenReturn(new Progress(BATCH, 0, 12, 12, 1, 2));

    mvc.perform(post("/staff/document-review/42/finish").principal(() -> "rita"))
        .andExpect(redirectedUrl("/staff/document-review"));
    verify(review, never()).chooseScope(anyLong(), any());
    verify(flow).finishReview(BATCH, "rita");
  }

  @Test
  void anUnfinishedReviewIsNotFinishedButLeadsToTheNextUndecidedDocument() throws Exception {
    when(review.progress(BATCH)).thenReturn(new Progress(BATCH, 0, 12, 11, 1, 2));
    when(review.nextUndecided(BATCH, 0)).thenReturn(OptionalInt.of(7));

    mvc.perform(post("/staff/document-review/42/finish").principal(() -> "rita"))
        .andExpect(redirectedUrl("/staff/document-review/42/items/7"));
    verify(flow, never()).finishReview(anyLong(), any());
  }

  @Test
  void aDecisionMovesToTheNextUndecidedDocumentAndAnUnknownOneIsABadRequest() throws Exception {
    when(review.nextUndecided(BATCH, 3)).thenReturn(OptionalInt.of(5));

    mvc.perform(post("/staff/document-review/42/items/3").param("round", "0").param("decision", "APPROVED")
            .principal(() -> "rita"))
        .andExpect(redirectedUrl("/staff/document-review/42/items/5"));
    verify(review).decide(BATCH, 0, 3, Decision.APPROVED, null, "rita");

    mvc.perform(post("/staff/document-review/42/items/3").param("round", "0").param("decision", "MAYBE")
            .principal(() -> "rita"))
        .andExpect(status().isBadRequest());
    verify(review, never()).decide(eq(BATCH), anyInt(), anyInt(), eq(Decision.REJECTED), any(), any());
  }
}
