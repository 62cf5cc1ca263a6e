package io.escala.certificates;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Customer success's certificate page: find a certificate by code or e-mail and revoke it with a reason. Who may open
 * it is declared in {@link CertificatesFeature}.
 */
@Controller
class CertificateStaffController {

  private final Certificates certificates;

  CertificateStaffController(Certificates certificates) {
    this.certificates = certificates;
  }

  /** A certificate as a row of the staff table, dates in the staff member's language. */
  record CertificateRow(String code, String learnerName, String learnerEmail, String courseTitle, String completedOn,
      String status, String revokedOn, String revokedBy, String revokeReason, boolean revocable) {

    static CertificateRow of(Certificate certificate, Locale locale) {
      return new CertificateRow(certificate.code(), certificate.learnerName(), certificate.learnerEmail(),
          certificate.courseTitle(), CertificateDates.longDate(certificate.completedOn(), locale),
          certificate.status().name(),
          certificate.revokedAt() == null ? null : CertificateDates.longDate(certificate.revokedAt(), locale),
          certificate.revokedBy(), certificate.revokeReason(), certificate.valid());
    }
  }

  @GetMapping("/staff/certificates")
  String list(@RequestParam(name = "q", required = false) String query, Locale locale, Model model) {
    return listPage(query, locale, model);
  }

  @PostMapping("/staff/certificates/{code}/revoke")
  String revoke(@PathVariable String code, @RequestParam(name = "reason", required = false) String reason,
      Principal user, Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty() || why.length() > Certificates.MAX_REASON) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("reasonProblem", code);
      return listPage(code, locale, model);
    }
    boolean revoked = certificates.revoke(code, user.getName(), why);
    redirect.addFlashAttribute(revoked ? "revoked" : "notRevoked", code);
    redirect.addAttribute("q", code);
    return "redirect:/staff/certificates";
  }

  private String listPage(String query, Locale locale, Model model) {
    String search = query == null ? "" : query.strip();
    List<Certificate> shown = search.isEmpty() ? certificates.latest() : found(search);
    model.addAttribute("query", search);
    model.addAttribute("rows", shown.stream().map(certificate -> CertificateRow.of(certificate, locale)).toList());
    return "staff/certificates";
  }

  private List<Certificate> found(String search) {
    if (search.contains("@")) {
      return certificates.ofLearner(search);
    }
    Optional<Certificate> byCode = certificates.find(search);
    return byCode.map(List::of).orElseGet(List::of);
  }
}
