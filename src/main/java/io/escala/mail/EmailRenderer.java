package io.escala.mail;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders {@code templates/mail/<template>.html} and {@code .txt} with the application's Thymeleaf engine, and the
 * subject from the message {@code mail.<template with / as .>.subject}.
 */
@Component
public class EmailRenderer {

  /** Escala's customers are mostly Spanish-speaking: a request without a language gets Spanish. */
  public static final Locale DEFAULT_LOCALE = Locale.forLanguageTag("es");

  // Template names come from BPMN input parameters: no "..", no absolute paths, nothing outside templates/mail/.
  private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*");

  private final ITemplateEngine templates;
  private final MessageSource messages;

  public EmailRenderer(ITemplateEngine templates, MessageSource messages) {
    this.templates = templates;
    this.messages = messages;
  }

  public RenderedEmail render(String template, Locale locale, Map<String, Object> model, Object[] subjectArgs) {
    checkTemplateName(template);
    Locale language = locale == null ? DEFAULT_LOCALE : locale;
    Context context = new Context(language, model == null ? Map.of() : model);
    String html = templates.process("mail/" + template, context);
    String text = templates.process("mail/" + template + ".txt", context);
    String subject = messages.getMessage(subjectKey(template), subjectArgs, language);
    String oneLine = HeaderText.singleLine(subject);
    return new RenderedEmail(oneLine == null ? "" : oneLine, text, html);
  }

  static String subjectKey(String template) {
    return "mail." + template.replace('/', '.') + ".subject";
  }

  static void checkTemplateName(String template) {
    if (template == null || template.length() > 200 || !TEMPLATE_NAME.matcher(template).matches()) {
      throw new IllegalArgumentException(
          "Mail template name must look like 'onboarding/verify' (lower case, '/' between folders): " + template);
    }
  }
}
