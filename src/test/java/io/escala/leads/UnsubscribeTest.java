package io.escala.leads;

import io.escala.support.TemplatePages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.escala.mail.MailHeaders;
import io.escala.platform.PublicUrl;
import io.escala.platform.SignedLinks;
import io.escala.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.util.UriComponentsBuilder;

class UnsubscribeTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-17T12:00:00Z"));
  private final SignedLinks signedLinks = new SignedLinks("unsubscribe-test-secret", clock);
  private final UnsubscribeLinks links =
      new UnsubscribeLinks(signedLinks, new PublicUrl("https://app.escala.test", 8080, ""));
  private final LeadActivity activity = mock(LeadActivity.class);
  private final MockMvc mvc = MockMvcBuilders
      .standaloneSetup(new UnsubscribeController(links, activity))
      .setViewResolvers(TemplatePages.views("messages", "i18n/leads-delivery"))
      .addFilters(csrfFilterAsConfiguredForTheApp())
      .build();

  @Test
  void theLinksCarryASignedTokenForTheLead() {
    String page = links.pageUrl("Ana@Example.com");
    String oneClick = links.oneClickUrl("ana@example.com");

    assertThat(page).startsWith("https://app.escala.test/unsubscribe?token=").doesNotContain("ana@");
    assertThat(oneClick).startsWith("https://app.escala.test/unsubscribe/one-click?token=");
    assertThat(links.leadKey(token(page))).contains("ana@example.com");
    assertThat(links.leadKey(token(oneClick))).contains("ana@example.com");
  }

  @Test
  void anAddressWithTheTokenSeparatorStillWorks() {
    assertThat(links.leadKey(token(links.pageUrl("a|b@example.com")))).contains("a|b@example.com");
  }

  @Test
  void theHeadersFollowRfc8058() {
    Map<String, String> headers = links.headers("ana@example.com");

    assertThat(headers).containsOnlyKeys(MailHeaders.LIST_UNSUBSCRIBE, MailHeaders.LIST_UNSUBSCRIBE_POST);
    assertThat(headers.get(MailHeaders.LIST_UNSUBSCRIBE)).isEqualTo("<" + links.oneClickUrl("ana@example.com") + ">");
    assertThat(headers.get(MailHeaders.LIST_UNSUBSCRIBE_POST)).isEqualTo("List-Unsubscribe=One-Click");
  }

  @Test
  void tokensOfOtherPurposesOrTamperedOnesAreNotAccepted() {
    String progressToken = signedLinks.sign("onboarding-progress", "YW5hQGV4YW1wbGUuY29t", Duration.ofDays(1));
    String valid = token(links.pageUrl("ana@example.com"));

    assertThat(links.leadKey(progressToken)).isEmpty();
    assertThat(links.leadKey(valid.substring(0, valid.length() - 2) + "xx")).isEmpty();
    assertThat(links.leadKey(null)).isEmpty();
  }

  @Test
  void theLinkOpensAConfirmPageAndDoesNotUnsubscribeYet() throws Exception {
    String token = token(links.pageUrl("ana@example.com"));

    String html = mvc.perform(get("/unsubscribe").param("token", token).header("Accept-Language", "en"))
        .andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();

    assertThat(html)
        .contains("<html lang=\"en\">")
        .contains("<h1>Unsubscribe</h1>")
        .contains("<form method=\"post\" action=\"/unsubscribe\">")
        .contains("<input type=\"hidden\" name=\"token\" value=\"" + token + "\">")
        .contains("Confirm unsubscribe");
    verifyNoInteractions(activity);
  }

  @Test
  void confirmingUnsubscribesAndAReplayShowsTheSamePage() throws Exception {
    String token = token(links.pageUrl("ana@example.com"));
    when(activity.unsubscribed("ana@example.com")).thenReturn(true);
    MockHttpSession session = new MockHttpSession();
    String csrf = csrfTokenFromThePage(token, session);

    for (int i = 0; i < 2; i++) {
      String html = mvc.perform(post("/unsubscribe").session(session).param("token", token).param("_csrf", csrf)
              .header("Accept-Language", "es"))
          .andExpect(status().isOk())
          .andReturn().getResponse().getContentAsString();
      assertThat(html).contains("<h1>Te diste de baja</h1>");
    }
    verify(activity, times(2)).unsubscribed("ana@example.com");
  }

  @Test
  void theConfirmFormNeedsTheCsrfToken() throws Exception {
    String token = token(links.pageUrl("ana@example.com"));

    mvc.perform(post("/unsubscribe").param("token", token)).andExpect(status().isForbidden());

    verifyNoInteractions(activity);
  }

  @Test
  void aMailProvidersOneClickPostUnsubscribesWithoutCookiesOrCsrf() throws Exception {
    String oneClick = links.oneClickUrl("ana@example.com");

    for (int i = 0; i < 2; i++) { // providers may retry
      mvc.perform(post(oneClick)
              .contentType(MediaType.APPLICATION_FORM_URLENCODED)
              .content("List-Unsubscribe=One-Click"))
          .andExpect(status().isOk())
          .andExpect(content().string(""));
    }
    verify(activity, times(2)).unsubscribed("ana@example.com");
  }

  @Test
  void aOneClickPostWithoutTheRfc8058BodyIsRefused() throws Exception {
    mvc.perform(post(links.oneClickUrl("ana@example.com"))).andExpect(status().isBadRequest());

    verifyNoInteractions(activity);
  }

  @Test
  void anInvalidOrExpiredTokenGetsTheNotFoundPageEverywhere() throws Exception {
    String expired = token(links.pageUrl("ana@example.com"));
    clock.advance(UnsubscribeLinks.VALIDITY.plusSeconds(1));
    MockHttpSession session = new MockHttpSession();
    String csrf = csrfTokenFromAnyPage(session);

    for (String token : new String[] {expired, "garbage", ""}) {
      String html = mvc.perform(get("/unsubscribe").param("token", token).header("Accept-Language", "pt-BR"))
          .andExpect(status().isNotFound())
          .andReturn().getResponse().getContentAsString();
      assertThat(html).contains("<h1>Link não encontrado</h1>");
      mvc.perform(post("/unsubscribe").session(session).param("token", token).param("_csrf", csrf))
          .andExpect(status().isNotFound());
      mvc.perform(post("/unsubscribe/one-click").param("token", token)
              .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("List-Unsubscribe=One-Click"))
          .andExpect(status().isNotFound());
    }
    mvc.perform(get("/unsubscribe")).andExpect(status().isNotFound());
    verifyNoInteractions(activity);
  }

  /**
   * Spring Security's CSRF filter with the one exemption the application's SecurityConfiguration must make: the
   * RFC 8058 one-click POST.
   */
  private static CsrfFilter csrfFilterAsConfiguredForTheApp() {
    CsrfFilter filter = new CsrfFilter(new HttpSessionCsrfTokenRepository());
    filter.setRequireCsrfProtectionMatcher(new AndRequestMatcher(
        CsrfFilter.DEFAULT_CSRF_MATCHER,
        new NegatedRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/unsubscribe/one-click"))));
    return filter;
  }

  private String csrfTokenFromThePage(String token, MockHttpSession session) throws Exception {
    CsrfToken csrf = (CsrfToken) mvc.perform(get("/unsubscribe").session(session).param("token", token))
        .andReturn().getRequest().getAttribute(CsrfToken.class.getName());
    return csrf.getToken();
  }

  private String csrfTokenFromAnyPage(MockHttpSession session) throws Exception {
    return csrfTokenFromThePage(token(links.pageUrl("someone@example.com")), session);
  }

  private static String token(String url) {
    return UriComponentsBuilder.fromUriString(url).build().getQueryParams().getFirst("token");
  }
}
