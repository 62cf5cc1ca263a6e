package io.escala.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.platform.CaseErasure;
import io.escala.platform.StaffDirectory;
import io.escala.support.EscalaHttpClient;
import io.escala.support.EscalaIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Certificates through the running application: issued as the enrollment flow will issue them, verified on the public
 * page, downloaded, revoked by customer success, erased. Run on H2 and PostgreSQL.
 */
abstract class CertificateScenarios extends EscalaIntegrationTest {

  private static final LocalDate COMPLETED = LocalDate.of(2026, 3, 15);

  @Autowired Certificates certificates;
  @Autowired CaseErasure erasure;
  @Autowired StaffDirectory staffDirectory;
  @Autowired JdbcClient jdbc;

  private static String uniqueEmail(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@learner.example";
  }

  private Certificate issue(String name, String email, String language) {
    return certificates.issue(new IssueRequest("ia-docentes-2026-03", name, email, "IA generativa para docentes",
        COMPLETED, Locale.forLanguageTag(language)));
  }

  private EscalaHttpClient staffOf(String group) {
    EscalaHttpClient client = new EscalaHttpClient("http://localhost:" + port);
    String user = StaffDirectory.demoUserId(group);
    var login = client.postForm("/login", Map.of("username", user,
        "password", staffDirectory.createdPasswords().get(user)), client.get("/login").body());
    assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/staff"));
    return client;
  }

  private HttpResponse<byte[]> download(String path) throws IOException, InterruptedException {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept-Language", "es").GET()
            .build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aValidCertificateShowsInTheVisitorsLanguageHoweverTheCodeIsTyped() {
    Certificate certificate = issue("João Conceição", uniqueEmail("joao"), "pt-BR");

    HttpResponse<String> spanish = http.get("/certificates/" + certificate.code(), "es-MX,es;q=0.9");
    assertThat(spanish.statusCode()).isEqualTo(200);
    assertThat(spanish.body()).contains("lang=\"es\"").contains("Certificado válido").contains("João Conceição")
        .contains("IA generativa para docentes").contains("15 de marzo de 2026").contains(certificate.code())
        .contains("href=\"/certificates/" + certificate.code() + ".pdf\"");
    assertThat(spanish.headers().firstValue("X-Robots-Tag")).contains("noindex");

    HttpResponse<String> portuguese = http.get("/certificates/" + certificate.code(), "pt-BR");
    assertThat(portuguese.body()).contains("lang=\"pt-BR\"").contains("Data de conclusão")
        .contains("15 de março de 2026").contains("João Conceição");

    String typed = certificate.code().replace("-", "").toLowerCase(Locale.ROOT);
    assertThat(http.get("/certificates/" + typed, "en").body()).contains("Valid certificate")
        .contains("March 15, 2026");
  }

  @Test
  void anUnknownOrMalformedCodeIsANotFoundPageInTheVisitorsLanguage() {
    HttpResponse<String> unknown = http.get("/certificates/2345-6789-ABCD", "es");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("Certificado no encontrado").doesNotContain("Certificado válido");
    HttpResponse<String> malformed = http.get("/certificates/not-a-code", "pt-BR");
    assertThat(malformed.statusCode()).isEqualTo(404);
    assertThat(malformed.body()).contains("Certificado não encontrado");
    assertThat(http.get("/certificates/2345-6789-ABCD.pdf", "en").statusCode()).isEqualTo(404);
  }

  @Test
  void issuingTwiceForTheSameRunAndAddressGivesTheSameCertificate() {
    String email = uniqueEmail("ana");
    Certificate first = issue("Ana Souza", email, "pt-BR");
    Certificate again = issue("Ana Souza", " " + email.toUpperCase(Locale.ROOT) + " ", "pt-BR");
    assertThat(again.code()).isEqualTo(first.code());
    assertThat(jdbc.sql("SELECT COUNT(*) FROM course_certificate WHERE learner_email = ?").param(email)
        .query(Integer.class).single()).isEqualTo(1);
    Certificate otherRun = certificates.issue(new IssueRequest("ia-docentes-2026-06", "Ana Souza", email,
        "IA generativa para docentes", COMPLETED, Locale.forLanguageTag("pt-BR")));
    assertThat(otherRun.code()).isNotEqualTo(first.code());
  }

  @Test
  void concurrentRequestsForOneCompletionGetOneCertificate() throws Exception {
    String email = uniqueEmail("rush");
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      List<Future<Certificate>> issued = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        issued.add(threads.submit(() -> issue("Rosa Peña", email, "es")));
      }
      Set<String> codes = new HashSet<>();
      for (Future<Certificate> certificate : issued) {
        codes.add(certificate.get(30, TimeUnit.SECONDS).code());
      }
      assertThat(codes).hasSize(1);
    } finally {
      threads.shutdownNow();
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM course_certificate WHERE learner_email = ?").param(email)
        .query(Integer.class).single()).isEqualTo(1);
  }

  @Test
  void theLearnerDownloadsThePdfInTheirLanguage() throws Exception {
    Certificate certificate = issue("Ñandú Peña", uniqueEmail("nandu"), "es");
    HttpResponse<byte[]> pdf = download("/certificates/" + certificate.code() + ".pdf");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
    assertThat(pdf.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(value -> assertThat(value).contains("certificate-" + certificate.code() + ".pdf"));
    try (PDDocument document = Loader.loadPDF(pdf.body())) {
      assertThat(new PDFTextStripper().getText(document)).contains("Ñandú Peña").contains("15 de marzo de 2026")
          .contains("http://localhost:" + port + "/certificates/" + certificate.code());
    }
  }

  @Test
  void customerSuccessRevokesWithAReasonAndThePageSaysSo() {
    String email = uniqueEmail("carla");
    Certificate certificate = issue("Carla Méndez", email, "es");
    EscalaHttpClient success = staffOf("success");

    String list = success.get("/staff/certificates?q=" + email, "es").body();
    assertThat(list).contains(certificate.code()).contains("Carla Méndez").contains("class=\"staff-header\"")
        .contains("Revocar el certificado " + certificate.code());
    assertThat(success.get("/staff/certificates?q=" + certificate.code(), "en").body())
        .contains("Search results").contains("Carla Méndez");

    HttpResponse<String> noReason = success.postForm("/staff/certificates/" + certificate.code() + "/revoke",
        Map.of("reason", "  "), list);
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("Escribe el motivo de la revocación");
    assertThat(certificates.find(certificate.code()).orElseThrow().valid()).isTrue();

    HttpResponse<String> revoked = success.postForm("/staff/certificates/" + certificate.code() + "/revoke",
        Map.of("reason", "Nombre mal escrito; se emite uno nuevo"), list);
    assertThat(revoked.statusCode()).isEqualTo(302);
    assertThat(success.get(revoked.headers().firstValue("Location").orElseThrow(), "es").body())
        .contains("Se revocó el certificado " + certificate.code()).contains("demo-success")
        .contains("Nombre mal escrito");

    String today = CertificateDates.longDate(ClockUtil.getCurrentTime().toInstant(), Locale.forLanguageTag("es"));
    HttpResponse<String> page = http.get("/certificates/" + certificate.code(), "es");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Certificado revocado")
        .contains("Este certificado fue revocado el " + today + " y ya no es válido")
        .doesNotContain("Certificado válido").doesNotContain("Nombre mal escrito").doesNotContain(".pdf\"");
    assertThat(http.get("/certificates/" + certificate.code() + ".pdf", "es").statusCode()).isEqualTo(410);
    assertThat(certificates.revoke(certificate.code(), "demo-success", "otra vez")).as("first revocation stands")
        .isFalse();
  }

  @Test
  void salesMayNotOpenOrPostToTheCertificatesPage() {
    Certificate certificate = issue("Luis Gómez", uniqueEmail("luis"), "es");
    EscalaHttpClient sales = staffOf("sales");
    assertThat(sales.get("/staff/certificates", "es").statusCode()).isEqualTo(403);
    HttpResponse<String> post = sales.postForm("/staff/certificates/" + certificate.code() + "/revoke",
        Map.of("reason", "no"), sales.get("/staff", "es").body());
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(certificates.find(certificate.code()).orElseThrow().valid()).isTrue();
  }

  @Test
  void anErasedLearnersCertificateSaysItIsNoLongerAvailable() {
    String email = uniqueEmail("erased");
    Certificate certificate = issue("Beatriz Conceição", email, "pt-BR");

    erasure.erase(email);

    HttpResponse<String> page = http.get("/certificates/" + certificate.code(), "pt-BR");
    assertThat(page.statusCode()).isEqualTo(410);
    assertThat(page.body()).contains("Certificado indisponível").doesNotContain("Beatriz")
        .doesNotContain("Certificado válido");
    assertThat(http.get("/certificates/" + certificate.code() + ".pdf", "es").statusCode()).isEqualTo(410);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM course_certificate WHERE learner_email = ? OR learner_name = ?")
        .param(email).param("Beatriz Conceição").query(Integer.class).single()).isZero();
    assertThat(issue("Beatriz Conceição", email, "pt-BR").code()).as("a new request after erasure is a new certificate")
        .isNotEqualTo(certificate.code());
  }
}
