package io.escala.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.escala.support.MigratedTestDatabase;
import io.escala.support.TemplatePages;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** Staff see every submission, also the ones that did not change the lead; renders the real template and bundle. */
class LeadSubmissionsPageTest {

  private final MigratedTestDatabase database = MigratedTestDatabase.h2("submissionspage");
  private final LeadSubmissions submissions = new LeadSubmissions(database.jdbc);

  @AfterEach
  void dropDatabase() {
    database.drop();
  }

  private static Lead submitted(String name, String company, Instant at) {
    return new Lead("ana@empresa.example", name, company, null, null, "MX", null, "ai-courses",
        "<b>IA</b> ya", Locale.forLanguageTag("es"), ZoneId.of("America/Mexico_City"), true, false,
        "[email] Acepto", at, "contact-form", Lead.Status.OPEN, at);
  }

  @Test
  void showsUnconfirmedSubmissionsEscapedAndMarkedAsNotApplied() throws Exception {
    submissions.record(submitted("Ana Souza", "Aurora", Instant.parse("2026-03-02T12:00:00Z")), "192.0.2.1", true);
    submissions.record(submitted("Mallory", "Otra <i>Empresa</i>", Instant.parse("2026-03-02T13:30:00Z")),
        "198.51.100.7", false);
    LeadStaffController controller = new LeadStaffController(database.jdbc, null, null, submissions);

    String html = MockMvcBuilders.standaloneSetup(controller).setViewResolvers(TemplatePages.views("i18n/leads"))
        .build().perform(get("/staff/leads/submissions").header("Accept-Language", "en"))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

    assertThat(html).contains("<h1>Form submissions</h1>")
        .contains("2026-03-02 13:30 UTC")
        .contains("Otra &lt;i&gt;Empresa&lt;/i&gt;")
        .contains("Not confirmed: not applied")
        .contains("<td>Applied</td>")
        .doesNotContain("<i>Empresa");
    assertThat(html.indexOf("Mallory")).as("newest first").isLessThan(html.indexOf("Ana Souza"));
  }
}
