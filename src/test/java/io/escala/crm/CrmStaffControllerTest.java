package io.escala.crm;

import io.escala.support.TemplatePages;
import io.escala.support.MigratedTestDatabase;
import io.escala.support.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** Renders the real templates and bundles, without the application context. */
class CrmStaffControllerTest {


  private final MigratedTestDatabase database = MigratedTestDatabase.h2("crmtest");
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
  private final BuiltInCrm crm = new BuiltInCrm(database.jdbc, database.transactionManager, clock);

  @AfterEach
  void dropDatabase() {
    database.drop();
  }

  @Test
  void listsContactsNewestFirstInTheStaffLanguage() throws Exception {
    crm.upsertContact(new ContactData("ana@example.com", "Ana", "Souza", "Acme", "BR", "pt-BR",
        LifecycleStage.MARKETING_QUALIFIED, "customer-onboarding"));
    clock.advance(Duration.ofMinutes(1));
    crm.upsertContact(new ContactData("bruno@example.com", "Bruno", null, null, "MX", "es", null, null));

    String html = render(builtIn(), "/staff/crm", "pt-BR");

    assertThat(html)
        .contains("<html lang=\"pt-BR\">")
        .contains("href=\"/css/escala.css\"")
        .contains("<caption>Contatos, do mais recente ao mais antigo (página 1)</caption>")
        .contains("<th scope=\"col\">E-mail</th>")
        .contains("Lead qualificado por marketing")
        .doesNotContain("HubSpot");
    assertThat(html.indexOf("bruno@example.com")).isLessThan(html.indexOf("ana@example.com"));
    long anaId = crm.findByEmail("ana@example.com").orElseThrow().contact().id();
    assertThat(html).contains("<th scope=\"row\"><a href=\"/staff/crm/contacts/" + anaId + "\">ana@example.com</a></th>");
  }

  @Test
  void showsTheTimelineWithCustomerTextEscaped() throws Exception {
    crm.upsertContact(new ContactData("ana@example.com", "Ana", "Souza", null, null, null, LifecycleStage.LEAD, null));
    crm.logActivity("ana@example.com", "key-1", "note", "<script>alert(1)</script> wants a demo");
    long id = crm.findByEmail("ana@example.com").orElseThrow().contact().id();

    String html = render(builtIn(), "/staff/crm/contacts/" + id, "es");

    assertThat(html)
        .contains("<html lang=\"es\">")
        .contains("<h1>Contacto ana@example.com</h1>")
        .contains("<caption>Actividad, de la más reciente a la más antigua</caption>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; wants a demo")
        .doesNotContain("<script>");
  }

  @Test
  void showsTheContactsDealsWithTheirOwner() throws Exception {
    crm.upsertDeal(new DealData(
        "lead:ana@example.com", "ana@example.com", "Ana: <b>ai-courses</b>", "qualification", "maria", "20 seats"));
    long id = crm.findByEmail("ana@example.com").orElseThrow().contact().id();

    String html = render(builtIn(), "/staff/crm/contacts/" + id, "en");

    assertThat(html)
        .contains("<caption>Deals, newest first</caption>")
        .contains("<th scope=\"row\">Ana: &lt;b&gt;ai-courses&lt;/b&gt;</th>")
        .contains("<td>qualification</td>")
        .contains("<td>maria</td>")
        .contains("<td>20 seats</td>");
  }

  @Test
  void aContactWithoutDealsSaysSo() throws Exception {
    crm.upsertContact(new ContactData("ana@example.com", null, null, null, null, null, null, null));
    long id = crm.findByEmail("ana@example.com").orElseThrow().contact().id();

    assertThat(render(builtIn(), "/staff/crm/contacts/" + id, "pt-BR")).contains("Nenhum negócio aberto.");
  }

  @Test
  void fiftyContactsMakeAPage() throws Exception {
    for (int i = 1; i <= CrmStaffController.PAGE_SIZE + 1; i++) {
      crm.upsertContact(new ContactData("c" + i + "@example.com", null, null, null, null, null, null, null));
      clock.advance(Duration.ofSeconds(1));
    }

    String first = render(builtIn(), "/staff/crm", "en");
    String second = render(builtIn(), "/staff/crm?page=2", "en");

    assertThat(first)
        .contains("<nav aria-label=\"Contact pages\">")
        .contains("<a rel=\"next\" href=\"/staff/crm?page=2\">Next page</a>")
        .doesNotContain("rel=\"prev\"")
        .contains("c51@example.com")
        .doesNotContain(">c1@example.com<");
    assertThat(second)
        .contains("<a rel=\"prev\" href=\"/staff/crm?page=1\">Previous page</a>")
        .doesNotContain("rel=\"next\"")
        .contains(">c1@example.com<")
        .doesNotContain("c2@example.com");
  }

  @Test
  void anUnknownContactIsNotFound() throws Exception {
    mvc(builtIn()).perform(get("/staff/crm/contacts/999")).andExpect(status().isNotFound());
  }

  @Test
  void withHubSpotTheListSaysWhereTheContactsAre() throws Exception {
    CrmStaffController controller = new CrmStaffController(
        properties(CrmProperties.Provider.HUBSPOT),
        new StaticListableBeanFactory().getBeanProvider(BuiltInCrm.class));

    String html = render(controller, "/staff/crm", "en");

    assertThat(html).contains("The configured CRM is HubSpot").doesNotContain("<table");
  }

  private CrmStaffController builtIn() {
    return new CrmStaffController(
        properties(CrmProperties.Provider.BUILTIN),
        new StaticListableBeanFactory(Map.of("builtInCrm", crm)).getBeanProvider(BuiltInCrm.class));
  }

  private static CrmProperties properties(CrmProperties.Provider provider) {
    return new CrmProperties(
        provider, new CrmProperties.HubSpot(URI.create("https://api.hubapi.com"), "", Duration.ofSeconds(20)));
  }

  private static String render(CrmStaffController controller, String path, String language) throws Exception {
    return mvc(controller)
        .perform(get(path).header("Accept-Language", language))
        .andExpect(status().isOk())
        .andReturn()
        .getResponse()
        .getContentAsString();
  }

  private static MockMvc mvc(CrmStaffController controller) {
    return MockMvcBuilders.standaloneSetup(controller).setViewResolvers(TemplatePages.views("i18n/crm")).build();
  }
}
