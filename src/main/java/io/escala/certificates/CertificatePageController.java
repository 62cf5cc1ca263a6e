package io.escala.certificates;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The public verification page the QR code leads to, and the PDF. The code is the credential printed on the
 * certificate: anyone holding it may see the page and download the PDF, which states nothing the page does not (a
 * certificate is made to be shown). A revoked or erased certificate has a page saying so and no PDF.
 */
@Controller
class CertificatePageController {

  private final Certificates certificates;

  CertificatePageController(Certificates certificates) {
    this.certificates = certificates;
  }

  @GetMapping("/certificates/{code}")
  String page(@PathVariable String code, Locale locale, Model model, HttpServletResponse response) {
    // A revocation shows at once; a name stays out of search engines.
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    response.setHeader("X-Robots-Tag", "noindex");
    Optional<Certificate> found = certificates.find(code);
    if (found.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return "certificates/not-found";
    }
    Certificate certificate = found.get();
    if (certificate.status() == Certificate.Status.ERASED) {
      response.setStatus(HttpServletResponse.SC_GONE);
    }
    model.addAttribute("certificate", certificate);
    model.addAttribute("completedOn", CertificateDates.longDate(certificate.completedOn(), locale));
    if (certificate.revokedAt() != null) {
      model.addAttribute("revokedOn", CertificateDates.longDate(certificate.revokedAt(), locale));
    }
    return "certificates/verify";
  }

  @GetMapping("/certificates/{code}.pdf")
  Object pdf(@PathVariable String code, Locale locale, Model model, HttpServletResponse response) {
    Optional<byte[]> pdf = certificates.pdf(code);
    if (pdf.isEmpty()) {
      // Unknown: 404; revoked or erased: the page that says so.
      String page = page(code, locale, model, response);
      if (response.getStatus() == HttpServletResponse.SC_OK) {
        response.setStatus(HttpServletResponse.SC_GONE);
      }
      return page;
    }
    String canonical = VerificationCode.parse(code).orElseThrow();
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline().filename("certificate-" + canonical + ".pdf").build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
        .header("X-Robots-Tag", "noindex")
        .body(pdf.get());
  }
}
