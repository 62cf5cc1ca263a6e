package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.LocaleResolver;

class LocaleConfigurationTest {

  private final LocaleResolver resolver = new LocaleConfiguration().localeResolver();

  @Test
  void withoutAcceptLanguageTheVisitorGetsSpanishNotTheServersLocale() {
    MockHttpServletRequest request = new MockHttpServletRequest(); // reports Locale.ENGLISH, as a container would
    assertThat(request.getLocale()).isEqualTo(Locale.ENGLISH);
    assertThat(resolver.resolveLocale(request)).isEqualTo(LocaleConfiguration.SPANISH);
  }

  @Test
  void browserLanguagesMapToTheSupportedOnes() {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.addHeader("Accept-Language", "pt-PT,fr;q=0.8");
    request.setPreferredLocales(java.util.List.of(Locale.forLanguageTag("pt-PT"), Locale.FRENCH));
    assertThat(resolver.resolveLocale(request)).isEqualTo(Locale.forLanguageTag("pt-BR"));
  }
}
