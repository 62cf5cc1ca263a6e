package io.escala.documents;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Why the intake refused a row or a file, kept in {@code document_input_error.reason} as a message key and its
 * arguments, and written in the reader's language where a person reads it: the batch page and error report (the
 * staff's language), the requester's results file (theirs); the API answers in English. Texts are in
 * {@code i18n/documents-intake} (es, pt-BR, en). A reason stored before reasons were keyed is shown as it is.
 */
final class IntakeReason {

  static final String BUNDLE = "i18n/documents-intake";
  private static final char SEPARATOR = '\u001F';
  private static final String PREFIX = "intake.";

  private IntakeReason() {}

  /** @param key a key of the bundle without its {@code intake.} prefix */
  static String of(String key, Object... args) {
    StringBuilder stored = new StringBuilder(PREFIX).append(key);
    for (Object arg : args) {
      stored.append(SEPARATOR).append(arg);
    }
    return stored.toString();
  }

  static String text(String stored, Locale locale) {
    if (stored == null || !stored.startsWith(PREFIX)) {
      return stored;
    }
    String[] parts = stored.split(String.valueOf(SEPARATOR), -1);
    try {
      String pattern = ResourceBundle.getBundle(BUNDLE, locale, Utf8Control.INSTANCE).getString(parts[0]);
      Object[] args = Arrays.stream(parts, 1, parts.length)
          .map(arg -> arg.matches("-?\\d{1,9}") ? (Object) Integer.valueOf(arg) : arg).toArray();
      return new MessageFormat(pattern, locale).format(args);
    } catch (MissingResourceException e) {
      return stored.replace(SEPARATOR, ' ');
    }
  }

  /** Reads the bundle as UTF-8 and without falling back to the JVM's locale (es is the default bundle). */
  private static final class Utf8Control extends ResourceBundle.Control {
    static final Utf8Control INSTANCE = new Utf8Control();

    @Override
    public Locale getFallbackLocale(String baseName, Locale locale) {
      return null;
    }

    @Override
    public ResourceBundle newBundle(String baseName, Locale locale, String format, ClassLoader loader,
        boolean reload) throws java.io.IOException {
      String resource = toResourceName(toBundleName(baseName, locale), "properties");
      try (var in = loader.getResourceAsStream(resource)) {
        return in == null ? null
            : new java.util.PropertyResourceBundle(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }
}
