package io.escala.documents;

import io.escala.platform.SignedLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.WebUtils;

/**
 * The requester's download of an approved batch, behind the signed link of the delivery e-mail: a page (batch, size,
 * two buttons), the ZIP of the documents with {@code results.csv}, and the CSV alone. The token is the credential:
 * an expired one gets 410, a wrong one 404, both as a page in the requester's (or the browser's) language.
 *
 * <p>The ZIP is written on the request's own thread straight to the response, so it is streamed as it is made and no
 * asynchronous request time-out cuts a long one short.
 */
@Controller
class DocumentDownloadController {

  private static final Logger log = LoggerFactory.getLogger(DocumentDownloadController.class);

  private final DocumentPackages packages;
  private final LocaleResolver localeResolver;

  DocumentDownloadController(DocumentPackages packages, LocaleResolver localeResolver) {
    this.packages = packages;
    this.localeResolver = localeResolver;
  }

  @GetMapping("/documents/download/{token}")
  String page(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
    noStore(response);
    Optional<DocumentPackages.Download> batch = open(token, request, response, model);
    if (batch.isEmpty()) {
      return "documents/download-problem";
    }
    model.addAttribute("batch", batch.get());
    model.addAttribute("token", token);
    return "documents/download";
  }

  @GetMapping("/documents/download/{token}/documents.zip")
  String zip(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
    noStore(response);
    Optional<DocumentPackages.Download> batch = open(token, request, response, model);
    if (batch.isEmpty()) {
      return "documents/download-problem";
    }
    Optional<DocumentPackages.DownloadSlot> slot = packages.downloadSlot();
    if (slot.isEmpty()) {
      response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      response.setHeader(HttpHeaders.RETRY_AFTER, "60");
      model.addAttribute("problem", "busy");
      return "documents/download-problem";
    }
    try (DocumentPackages.DownloadSlot held = slot.get()) {
      packages.downloaded(batch.get().batchId(), "documents.zip");
      response.setContentType("application/zip");
      response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
          "attachment; filename=\"documents-" + batch.get().batchId() + ".zip\"");
      OutputStream out = response.getOutputStream();
      packages.writeZip(batch.get(), out);
      out.flush();
    } catch (IOException gone) {
      // the requester's browser stopped the download (or the connection broke): nothing to answer any more
      log.info("Download of batch {} stopped before the end: {}", batch.get().batchId(), gone.toString());
    }
    return null;
  }

  @GetMapping("/documents/download/{token}/results.csv")
  String results(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model)
      throws IOException {
    noStore(response);
    Optional<DocumentPackages.Download> batch = open(token, request, response, model);
    if (batch.isEmpty()) {
      return "documents/download-problem";
    }
    packages.downloaded(batch.get().batchId(), DocumentPackages.RESULTS_FILE);
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        "attachment; filename=\"results-" + batch.get().batchId() + ".csv\"");
    OutputStream out = response.getOutputStream();
    packages.writeResults(batch.get(), out);
    out.flush();
    return null;
  }

  /**
   * The batch of a valid token, its page in the requester's language unless the visitor chose one; otherwise the
   * problem page's model and status.
   */
  private Optional<DocumentPackages.Download> open(String token, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    SignedLinks.Verification verification = packages.verify(token);
    Optional<DocumentPackages.Download> batch = verification.subject() == null ? Optional.empty()
        : packages.downloadable(Long.parseLong(verification.subject()));
    batch.ifPresent(found -> {
      if (request.getParameter("lang") == null && WebUtils.getCookie(request, "escala-lang") == null) {
        localeResolver.setLocale(request, response, found.locale());
      }
    });
    if (verification.status() == SignedLinks.Status.VALID && batch.isPresent()) {
      return batch;
    }
    boolean expired = verification.status() == SignedLinks.Status.EXPIRED && batch.isPresent();
    response.setStatus(expired ? HttpServletResponse.SC_GONE : HttpServletResponse.SC_NOT_FOUND);
    model.addAttribute("problem", expired ? "expired" : "invalid");
    return Optional.empty();
  }

  /** The token is in the address: not cached, not indexed, not sent on as a referrer. */
  private static void noStore(HttpServletResponse response) {
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Robots-Tag", "noindex, nofollow");
  }
}
