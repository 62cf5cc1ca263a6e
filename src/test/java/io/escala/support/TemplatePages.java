package io.escala.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The real page templates and message bundles, for standalone MockMvc tests without an application context. */
public final class TemplatePages {

  private static final Map<String, SpringTemplateEngine> ENGINES = new ConcurrentHashMap<>();

  private TemplatePages() {}

  /**
   * A view resolver is bound to one MockMvc context; the engine (and its template cache) is shared per set of
   * bundles.
   */
  public static ThymeleafViewResolver views(String... bundles) {
    ThymeleafViewResolver views = new ThymeleafViewResolver();
    views.setTemplateEngine(ENGINES.computeIfAbsent(String.join(",", bundles), key -> templateEngine(bundles)));
    views.setCharacterEncoding("UTF-8");
    return views;
  }

  private static SpringTemplateEngine templateEngine(String... bundles) {
    ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
    templates.setPrefix("templates/");
    templates.setSuffix(".html");
    templates.setTemplateMode(TemplateMode.HTML);
    templates.setCharacterEncoding("UTF-8");
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasenames(bundles);
    messages.setDefaultEncoding("UTF-8");
    messages.setFallbackToSystemLocale(false);
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(templates);
    engine.setTemplateEngineMessageSource(messages);
    return engine;
  }
}
