package io.escala.documents;

import io.escala.documents.SampleReview.Decision;
import io.escala.documents.SampleReview.Item;
import io.escala.documents.SampleReview.Outcome;
import io.escala.documents.SampleReview.Progress;
import io.escala.documents.SampleReview.ReviewException;
import io.escala.documents.SampleReview.Scope;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reviewers' page, built for volume: the batches waiting for review, then one document of the sample at a time
 * with its input row beside it, approve / reject with a comment, and after the last decision a summary that finishes
 * the review (completing the reviewers' Tasklist task through {@link BatchFlow}). Plain forms; the page's script only
 * adds keyboard shortcuts.
 */
@Controller
class DocumentReviewController {

  private static final String BASE = "/staff/document-review";

  private final SampleReview review;
  private final DocumentBatches batches;
  private final BatchFlow flow;

  DocumentReviewController(SampleReview review, DocumentBatches batches, BatchFlow flow) {
    this.review = review;
    this.batches = batches;
    this.flow = flow;
  }

  @GetMapping(BASE)
  String list(Model model) {
    model.addAttribute("waiting", review.awaiting());
    return "documents/review-list";
  }

  /** The next document to decide, or the summary once all are decided. */
  @GetMapping(BASE + "/{batchId}")
  String start(@PathVariable long batchId) {
    batch(batchId);
    OptionalInt next = review.nextUndecided(batchId, 0);
    return next.isPresent() ? "redirect:" + itemPath(batchId, next.getAsInt()) : "redirect:" + summaryPath(batchId);
  }

  @GetMapping(BASE + "/{batchId}/items/{position}")
  String item(@PathVariable long batchId, @PathVariable int position, Model model) {
    return itemPage(batchId, position, model, null, null);
  }

  @PostMapping(BASE + "/{batchId}/items/{position}")
  String decide(@PathVariable long batchId, @PathVariable int position, @RequestParam int round,
      @RequestParam String decision, @RequestParam(required = false) String comment, Principal user, Model model,
      HttpServletResponse response) {
    Decision verdict;
    try {
      verdict = Decision.valueOf(decision);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
    }
    try {
      review.decide(batchId, round, position, verdict, comment, user.getName());
    } catch (ReviewException problem) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return itemPage(batchId, position, model, problem.messageKey(), comment);
    } catch (NoSuchElementException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    OptionalInt next = review.nextUndecided(batchId, position);
    return next.isPresent() ? "redirect:" + itemPath(batchId, next.getAsInt()) : "redirect:" + summaryPath(batchId);
  }

  @GetMapping(BASE + "/{batchId}/summary")
  String summary(@PathVariable long batchId, Locale locale, Model model) {
    return summaryPage(batchId, locale, model, null);
  }

  @PostMapping(BASE + "/{batchId}/finish")
  String finish(@PathVariable long batchId, @RequestParam(required = false) String scope, Principal user,
      Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
    DocumentBatch batch = batch(batchId);
    if (batch.status() != DocumentBatch.Status.GENERATED) {
      throw new ResponseStatusException(HttpStatus.CONFLICT);
    }
    Outcome outcome = SampleReview.outcome(review.progress(batchId), review.properties());
    if (outcome == Outcome.INCOMPLETE) {
      return start(batchId);
    }
    if (outcome == Outcome.REGENERATE) {
      Scope chosen;
      try {
        chosen = Scope.valueOf(scope == null ? "" : scope);
      } catch (IllegalArgumentException e) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return summaryPage(batchId, locale, model, "documents.review.error.scopeRequired");
      }
      review.chooseScope(batchId, chosen);
    }
    flow.finishReview(batchId, user.getName());
    redirect.addFlashAttribute("finished", batchId);
    return "redirect:" + BASE;
  }

  private String itemPage(long batchId, int position, Model model, String problem, String comment) {
    DocumentBatch batch = batch(batchId);
    Item item = review.item(batchId, position)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    Progress progress = review.progress(batchId);
    model.addAttribute("batch", batch);
    model.addAttribute("open", batch.status() == DocumentBatch.Status.GENERATED);
    model.addAttribute("item", item);
    model.addAttribute("progress", progress);
    model.addAttribute("documentHtml", ReviewedDocument.html(item.document(), item.format()));
    model.addAttribute("previous", position > 1 ? position - 1 : null);
    model.addAttribute("next", position < progress.total() ? position + 1 : null);
    OptionalInt undecided = review.nextUndecided(batchId, position);
    model.addAttribute("nextUndecided",
        undecided.isPresent() && undecided.getAsInt() != position ? undecided.getAsInt() : null);
    model.addAttribute("problem", problem);
    model.addAttribute("comment", comment != null ? comment : item.comment());
    model.addAttribute("maxComment", SampleReview.MAX_COMMENT);
    return "documents/review-item";
  }

  private String summaryPage(long batchId, Locale locale, Model model, String problem) {
    DocumentBatch batch = batch(batchId);
    Progress progress = review.progress(batchId);
    ReviewProperties properties = review.properties();
    NumberFormat percent = NumberFormat.getPercentInstance(locale);
    percent.setMaximumFractionDigits(1);
    model.addAttribute("batch", batch);
    model.addAttribute("open", batch.status() == DocumentBatch.Status.GENERATED);
    model.addAttribute("progress", progress);
    model.addAttribute("outcome", SampleReview.outcome(progress, properties));
    model.addAttribute("rate", percent.format(progress.rejectionRate()));
    model.addAttribute("threshold", percent.format(properties.maxRejectionPercent() / 100));
    model.addAttribute("roundsLeft", Math.max(0, properties.maxRegenerations() - batch.reviewRound()));
    model.addAttribute("rejected", review.decided(batchId, Decision.REJECTED));
    model.addAttribute("nextUndecided", review.nextUndecided(batchId, 0).stream().boxed().findFirst().orElse(null));
    model.addAttribute("scope", review.scope(batchId).orElse(null));
    model.addAttribute("problem", problem);
    return "documents/review-summary";
  }

  private DocumentBatch batch(long batchId) {
    return batches.find(batchId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private static String itemPath(long batchId, int position) {
    return BASE + "/" + batchId + "/items/" + position;
  }

  private static String summaryPath(long batchId) {
    return BASE + "/" + batchId + "/summary";
  }
}
