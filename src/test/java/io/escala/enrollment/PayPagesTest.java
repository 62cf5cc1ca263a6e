package io.escala.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.escala.support.TemplatePages;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

/** Every state of the pay pages renders in every language from the bundles, with no missing message. */
class PayPagesTest {

  /** Renders a template with a model, as the controller hands it over. */
  @Controller
  static class Render {
    Map<String, Object> model;

    @GetMapping("/render/{template}")
    String render(@PathVariable String template, Model target) {
      target.addAllAttributes(model);
      return "enrollment/" + template;
    }
  }

  private final Render controller = new Render();

  private String render(String template, Locale locale, Map<String, Object> model) throws Exception {
    controller.model = model;
    MockMvc mvc = MockMvcBuilders.standaloneSetup(controller)
        .setViewResolvers(TemplatePages.views("messages", "i18n/enrollment-pay"))
        .setLocaleResolver(new FixedLocaleResolver(locale))
        .build();
    var result = mvc.perform(get("/render/" + template)).andReturn();
    assertThat(result.getResponse().getStatus()).as(result.getResponse().getForwardedUrl() + " " + result.getResolvedException()).isEqualTo(200);
    return result.getResponse().getContentAsString();
  }

  private static Map<String, Object> details() {
    Map<String, Object> model = new HashMap<>();
    model.put("courseTitle", "IA generativa para docentes");
    model.put("cohortStart", "2 de abril de 2026, 19:00");
    model.put("amount", "R$ 297,90");
    model.put("method", "PIX");
    model.put("dueAt", "4 de março de 2026, 11:00");
    return model;
  }

  @ParameterizedTest
  @CsvSource({"es, Estamos confirmando tu pago", "pt-BR, Estamos confirmando seu pagamento",
      "en, We are confirming your payment"})
  void everyLandingStateSpeaksTheLanguage(String language, String confirming) throws Exception {
    Locale locale = Locale.forLanguageTag(language);
    for (String state : List.of("paid", "confirming", "pending", "failure", "released", "ended")) {
      Map<String, Object> model = details();
      model.put("state", state);
      model.put("payUrl", "https://escala.example/courses/pay/t");
      model.put("statusUrl", "https://escala.example/courses/enrollment/t");
      String page = render("pay-landing", locale, model);
      assertThat(page).as(state).doesNotContain("??").contains("lang=\"" + language + "\"")
          .contains("IA generativa para docentes").contains("R$ 297,90");
      if (state.equals("confirming")) {
        assertThat(page).contains(confirming).doesNotContain("https://escala.example/courses/pay/t");
      }
      if (state.equals("failure")) {
        assertThat(page).contains("href=\"https://escala.example/courses/pay/t\"");
      }
      if (state.equals("pending")) {
        assertThat(page).contains("4 de março de 2026, 11:00");
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"es", "pt-BR", "en"})
  void everyProblemSpeaksTheLanguage(String language) throws Exception {
    for (String problem : List.of("invalid", "expired", "released", "transfer", "unavailable", "refused")) {
      Map<String, Object> model = problem.equals("invalid") ? new HashMap<>() : details();
      model.put("problem", problem);
      String page = render("pay-problem", Locale.forLanguageTag(language), model);
      assertThat(page).as(problem).doesNotContain("??").contains("lang=\"" + language + "\"")
          .contains("<h1>");
    }
  }
}
