package io.escala.leads;

import io.escala.support.TemplatePages;
import io.escala.support.MigratedTestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.escala.platform.PublicUrl;
import io.escala.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class TrackedLinksTest {

  private static final String COURSE_URL = "https://escala.io/es/cursos/ia-generativa-para-educadores";

  private final MigratedTestDatabase database = MigratedTestDatabase.h2("deliverytest");
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-17T12:00:30Z"));
  private final PublicUrl publicUrl = new PublicUrl("https://app.escala.test/", 8080, "");
  private final TrackedLinks links =
      new TrackedLinks(database.jdbc, new ContentCatalog(database.jdbc), publicUrl, clock, database.transactionManager);
  private final LeadActivity activity = mock(LeadActivity.class);
  private final MockMvc mvc = MockMvcBuilders
      .standaloneSetup(new TrackedLinkController(links, activity, clock))
      .setViewResolvers(TemplatePages.views("messages", "i18n/leads-delivery"))
      .build();

  @AfterEach
  void dropDatabase() {
    database.drop();
  }

  @Test
  void aTrackedLinkIsAnOpaqueAddressUnderThePublicUrl() {
    String first = links.track("Ana@Example.com", "ia-generativa-para-educadores-es", COURSE_URL);
    String second = links.track("ana@example.com", "ia-generativa-para-educadores-es", COURSE_URL);

    assertThat(first).matches("https://app\\.escala\\.test/t/[A-Za-z0-9_-]{22}").doesNotContain("ana");
    assertThat(second).isNotEqualTo(first);
    assertThat(links.find(token(first)).orElseThrow().leadKey()).isEqualTo("ana@example.com");
  }

  @Test
  void linksToEscalasOwnPagesAreAllowed() {
    assertThat(links.track("ana@example.com", "book-demo", "https://app.escala.test/demos/book?lang=es"))
        .startsWith("https://app.escala.test/t/");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "https://evil.test/phish",
    "https://escala.io/es/cursos/not-in-the-catalog",
    "https://escala.io/es/cursos/ia-generativa-para-educadores?next=https://evil.test",
    "http://escala.io/es/cursos/ia-generativa-para-educadores",
    "https://app.escala.test.evil.test/demos",
    "https://app.escala.test@evil.test/demos",
    "https://user@app.escala.test/demos",
    "http://app.escala.test/demos",
    "https://app.escala.test:8443/demos",
    "https://app.escala.test/demos/../../etc",
    "https://app.escala.test/demos\r\nSet-Cookie: x=1",
    "javascript:alert(1)",
    ""
  })
  void anyOtherTargetIsRefused(String target) {
    assertThatThrownBy(() -> links.track("ana@example.com", "some-content", target))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(database.jdbc.sql("SELECT COUNT(*) FROM tracking_link").query(Long.class).single()).isZero();
  }

  @Test
  void aMissingOrOddContentIdIsRefused() {
    assertThatThrownBy(() -> links.track("ana@example.com", null, COURSE_URL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> links.track("ana@example.com", "Ünïcode <b>", COURSE_URL))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void followingALinkRedirectsAndReportsTheClickOncePerMinute() throws Exception {
    String token = token(links.track("ana@example.com", "ia-generativa-para-educadores-es", COURSE_URL));
    long minute = clock.instant().getEpochSecond() / 60;

    mvc.perform(get("/t/" + token))
        .andExpect(status().isFound())
        .andExpect(header().string("Location", COURSE_URL))
        .andExpect(header().string("Cache-Control", "no-store"));

    verify(activity).engaged("ana@example.com", EngagementType.LINK_CLICK, "ia-generativa-para-educadores-es",
        "click:" + token + ":" + minute);

    clock.advance(Duration.ofMinutes(1));
    mvc.perform(get("/t/" + token)).andExpect(status().isFound());
    verify(activity).engaged("ana@example.com", EngagementType.LINK_CLICK, "ia-generativa-para-educadores-es",
        "click:" + token + ":" + (minute + 1));
  }

  @Test
  void aHeadRequestFromAMailScannerRedirectsWithoutCountingAClick() throws Exception {
    String token = token(links.track("ana@example.com", "ia-generativa-para-educadores-es", COURSE_URL));

    mvc.perform(head("/t/" + token)).andExpect(status().isFound());

    verifyNoInteractions(activity);
  }

  @Test
  void theReaderIsRedirectedEvenWhenTheClickCannotBeRecorded() throws Exception {
    String token = token(links.track("ana@example.com", "ia-generativa-para-educadores-es", COURSE_URL));
    when(activity.engaged(any(), any(), any(), any())).thenThrow(new IllegalStateException("database down"));

    mvc.perform(get("/t/" + token))
        .andExpect(status().isFound())
        .andExpect(header().string("Location", COURSE_URL));
  }

  @Test
  void anUnknownTokenGetsALocalizedNotFoundPage() throws Exception {
    String html = mvc.perform(get("/t/AAAAAAAAAAAAAAAAAAAAAA").header("Accept-Language", "pt-BR"))
        .andExpect(status().isNotFound())
        .andReturn().getResponse().getContentAsString();

    assertThat(html).contains("<html lang=\"pt-BR\">").contains("<h1>Link não encontrado</h1>");
    mvc.perform(get("/t/not-a-token").header("Accept-Language", "es")).andExpect(status().isNotFound());
    verifyNoInteractions(activity);
  }

  @Test
  void erasureRemovesTheLeadsLinks() throws Exception {
    String token = token(links.track("ana@example.com", "ia-generativa-para-educadores-es", COURSE_URL));

    assertThat(links.forget("ana@example.com")).isEqualTo(1);
    mvc.perform(get("/t/" + token)).andExpect(status().isNotFound());
  }

  private static String token(String trackedUrl) {
    return trackedUrl.substring(trackedUrl.lastIndexOf('/') + 1);
  }
}
