package io.escala.leads;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The real page templates and bundles (messages + i18n/leads-delivery), without an application context. */
final class LeadPagesTestSupport {

  private static final SpringTemplateEngine ENGINE = templateEngine();

  private LeadPagesTestSupport() {}

  /** A view resolver is bound to one MockMvc context; the engine (and its template cache) is shared. */
  static ThymeleafViewResolver views() {
    ThymeleafViewResolver views = new ThymeleafViewResolver();
    views.setTemplateEngine(ENGINE);
    views.setCharacterEncoding("UTF-8");
    return views;
  }

  private static SpringTemplateEngine templateEngine() {
    ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
    templates.setPrefix("templates/");
    templates.setSuffix(".html");
    templates.setTemplateMode(TemplateMode.HTML);
    templates.setCharacterEncoding("UTF-8");
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasenames("messages", "i18n/leads-delivery");
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(templates);
    engine.setTemplateEngineMessageSource(messages);
    return engine;
  }
}
