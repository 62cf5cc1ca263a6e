package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.support.MigratedTestDatabase;
import io.escala.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

/** The public form limit with its counters in the database (H2 here; PostgreSQL in the *PostgresIT subclass). */
class PublicFormRateLimitTest {

  private final StaticMessageSource messages = new StaticMessageSource();
  private final MigratedTestDatabase database = database();
  /** At the start of a minute, so the window has a full minute left. */
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-10T12:00:00Z"));
  private final Contributions contributions = new Contributions(List.of(PlatformContribution.of("test")
      .publicEndpoints(PublicEndpoint.page("/signup/**"), PublicEndpoint.page("/contact/**").withRateLimitPerMinute(1),
          PublicEndpoint.signedPost("/hooks/lead"))
      .build()));
  private final PublicFormRateLimit limit = newNode();
  /** Client addresses of this run: the PostgreSQL test database is shared by the whole JVM. */
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  PublicFormRateLimitTest() {
    messages.addMessage("error.rateLimited", Locale.forLanguageTag("pt-BR"), "Muitos envios em pouco tempo.");
  }

  MigratedTestDatabase database() {
    return MigratedTestDatabase.h2("ratelimit");
  }

  /** Another application node on the same database. */
  private PublicFormRateLimit newNode() {
    return new PublicFormRateLimit(3, contributions, messages, new FixedLocaleResolver(Locale.forLanguageTag("pt-BR")),
        new RateLimitCounters(database.jdbc, clock));
  }

  @AfterEach
  void close() {
    database.close();
  }

  private int post(PublicFormRateLimit node, String path, String client) throws Exception {
    return send(node, path, client).getStatus();
  }

  private MockHttpServletResponse send(PublicFormRateLimit node, String path, String client) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
    request.setRemoteAddr(client + "-" + run);
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    node.doFilter(request, response, chain);
    if (chain.getRequest() != null) {
      response.setStatus(200);
    }
    return response;
  }

  @Test
  void aClientOverTheLimitGets429InItsLanguageOthersGoOn() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(post(limit, "/signup", "10.0.0.1")).isEqualTo(200);
    }
    MockHttpServletResponse refused = send(limit, "/signup", "10.0.0.1");
    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("60");
    assertThat(refused.getContentAsString()).isEqualTo("Muitos envios em pouco tempo.");
    assertThat(post(limit, "/signup", "10.0.0.2")).isEqualTo(200);
  }

  @Test
  void theLimitOpensAgainWithTheNextMinute() throws Exception {
    for (int i = 0; i < 3; i++) {
      post(limit, "/signup", "10.0.0.5");
    }
    clock.advance(Duration.ofSeconds(45));
    MockHttpServletResponse refused = send(limit, "/signup", "10.0.0.5");
    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("15");
    clock.advance(Duration.ofSeconds(15));
    assertThat(post(limit, "/signup", "10.0.0.5")).isEqualTo(200);
  }

  @Test
  void twoNodesOnOneDatabaseCountTogether() throws Exception {
    PublicFormRateLimit otherNode = newNode();
    assertThat(post(limit, "/signup", "10.0.0.6")).isEqualTo(200);
    assertThat(post(otherNode, "/signup", "10.0.0.6")).isEqualTo(200);
    assertThat(post(limit, "/signup", "10.0.0.6")).isEqualTo(200);
    assertThat(post(otherNode, "/signup", "10.0.0.6")).as("fourth post, through the other node").isEqualTo(429);
    assertThat(post(limit, "/signup", "10.0.0.6")).isEqualTo(429);
  }

  @Test
  void staffCamundaAndSignedEndpointsAreNotLimited() throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(post(limit, "/engine-rest/task", "10.0.0.3")).isEqualTo(200);
      assertThat(post(limit, "/staff/outbox", "10.0.0.3")).isEqualTo(200);
      assertThat(post(limit, "/hooks/lead", "10.0.0.3")).isEqualTo(200);
    }
  }

  @Test
  void aPageMaySetItsOwnLimitCountedApartFromOtherPages() throws Exception {
    assertThat(post(limit, "/contact", "10.0.0.4")).isEqualTo(200);
    assertThat(post(limit, "/contact", "10.0.0.4")).isEqualTo(429);
    assertThat(post(limit, "/signup", "10.0.0.4")).isEqualTo(200);
  }
}
