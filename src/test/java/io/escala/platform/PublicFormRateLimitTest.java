package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

class PublicFormRateLimitTest {

  private final StaticMessageSource messages = new StaticMessageSource();
  private final PublicFormRateLimit limit;

  PublicFormRateLimitTest() {
    messages.addMessage("error.rateLimited", Locale.forLanguageTag("pt-BR"), "Muitos envios em pouco tempo.");
    Contributions contributions = new Contributions(List.of(PlatformContribution.of("test")
        .publicEndpoints(PublicEndpoint.page("/signup/**"), PublicEndpoint.page("/contact/**").withRateLimitPerMinute(1),
            PublicEndpoint.signedPost("/hooks/lead"))
        .build()));
    limit = new PublicFormRateLimit(3, contributions, messages,
        new FixedLocaleResolver(Locale.forLanguageTag("pt-BR")));
  }

  private MockHttpServletResponse post(String path, String client) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
    request.setRemoteAddr(client);
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    limit.doFilter(request, response, chain);
    if (chain.getRequest() != null) {
      response.setStatus(200);
    }
    return response;
  }

  @Test
  void aClientOverTheLimitGets429InItsLanguageOthersGoOn() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(post("/signup", "10.0.0.1").getStatus()).isEqualTo(200);
    }
    MockHttpServletResponse refused = post("/signup", "10.0.0.1");
    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("60");
    assertThat(refused.getContentAsString()).isEqualTo("Muitos envios em pouco tempo.");
    assertThat(post("/signup", "10.0.0.2").getStatus()).isEqualTo(200);
  }

  @Test
  void staffCamundaAndSignedEndpointsAreNotLimited() throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(post("/engine-rest/task", "10.0.0.3").getStatus()).isEqualTo(200);
      assertThat(post("/staff/outbox", "10.0.0.3").getStatus()).isEqualTo(200);
      assertThat(post("/hooks/lead", "10.0.0.3").getStatus()).isEqualTo(200);
    }
  }

  @Test
  void aPageMaySetItsOwnLimitCountedApartFromOtherPages() throws Exception {
    assertThat(post("/contact", "10.0.0.4").getStatus()).isEqualTo(200);
    assertThat(post("/contact", "10.0.0.4").getStatus()).isEqualTo(429);
    assertThat(post("/signup", "10.0.0.4").getStatus()).isEqualTo(200);
  }
}
