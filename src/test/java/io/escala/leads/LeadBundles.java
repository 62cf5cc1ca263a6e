package io.escala.leads;

import java.util.Locale;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The leads message bundles as the application loads them (UTF-8, Spanish when a key is missing in a language). */
final class LeadBundles {

  static final Locale ES = Locale.forLanguageTag("es");
  static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

  private LeadBundles() {}

  static ResourceBundleMessageSource messages() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasenames("i18n/leads");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    return messages;
  }

  static ScoreReasonTexts texts() {
    return new ScoreReasonTexts(messages());
  }
}
