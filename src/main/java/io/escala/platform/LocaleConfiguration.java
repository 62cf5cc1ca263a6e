package io.escala.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Spanish, Brazilian Portuguese and English. The language comes from {@code ?lang=}, then a cookie set by it, then
 * the browser's Accept-Language, matched to the supported ones; Spanish otherwise.
 */
@Configuration(proxyBeanMethods = false)
public class LocaleConfiguration implements WebMvcConfigurer {

  public static final Locale SPANISH = Locale.forLanguageTag("es");
  public static final List<Locale> SUPPORTED = List.of(SPANISH, Locale.forLanguageTag("pt-BR"), Locale.ENGLISH);

  /** The bundles every feature contributed ({@link PlatformContribution#messageBundles()}), UTF-8. */
  @Bean
  MessageSource messageSource(Contributions contributions) {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasenames(contributions.messageBundles().toArray(String[]::new));
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return messages;
  }

  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver resolver = new CookieLocaleResolver("escala-lang");
    resolver.setDefaultLocaleFunction(LocaleConfiguration::fromBrowser);
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
    interceptor.setParamName("lang");
    interceptor.setIgnoreInvalidLocale(true);
    registry.addInterceptor(interceptor);
  }

  /** The supported locale for any language tag (pt, pt-PT, es-MX ...): by language, Spanish when unknown. */
  public static Locale supported(Locale requested) {
    if (requested == null) {
      return SPANISH;
    }
    return switch (requested.getLanguage()) {
      case "pt" -> SUPPORTED.get(1);
      case "en" -> Locale.ENGLISH;
      default -> SPANISH;
    };
  }

  public static Locale supported(String languageTag) {
    return languageTag == null || languageTag.isBlank() ? SPANISH : supported(Locale.forLanguageTag(languageTag));
  }

  private static Locale fromBrowser(HttpServletRequest request) {
    // Without the header the servlet container answers with the server's own locale, not the visitor's.
    if (request.getHeader("Accept-Language") == null) {
      return SPANISH;
    }
    for (Locale locale : Collections.list(request.getLocales())) {
      if (List.of("es", "pt", "en").contains(locale.getLanguage())) {
        return supported(locale);
      }
    }
    return SPANISH;
  }
}
