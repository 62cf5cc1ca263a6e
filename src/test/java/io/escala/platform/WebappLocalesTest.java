package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Escala's Spanish and Portuguese translations of Camunda's webapps against the English file shipped in the
 * Camunda webjar on the classpath: when a Camunda upgrade adds or renames a label, this test names the keys to
 * translate. Each translation keeps the English text's placeholders ({{ name }}, and the {} some Cockpit labels
 * use), so no message loses the value it reports.
 */
class WebappLocalesTest {

  static final String WEBAPPS = "META-INF/resources/webjars/camunda/app/";
  static final List<String> APPS = List.of("tasklist", "cockpit", "admin", "welcome");
  /** The codes in each config.js; "pt" is Brazilian Portuguese (see config.js for why not "pt-BR"). */
  static final List<String> TRANSLATIONS = List.of("es", "pt");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{.*?}}|\\{}");

  static Stream<Arguments> translations() {
    return APPS.stream().flatMap(app -> TRANSLATIONS.stream().map(lang -> Arguments.of(app, lang)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("translations")
  void everyKeyOfCamundasEnglishFileIsTranslated(String app, String lang) throws IOException {
    JsonNode english = camundasEnglish(app);
    JsonNode translation = escalas(app, lang);

    List<String> missing = new ArrayList<>();
    compare(english, translation, "", missing);

    assertThat(missing).as("keys of Camunda's %s/locales/en.json missing or of another shape in %s.json", app, lang)
        .isEmpty();
    assertThat(english.path("labels").size()).as("Camunda's English file was found and read").isGreaterThan(100);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("translations")
  void everyTranslationKeepsTheEnglishPlaceholders(String app, String lang) throws IOException {
    JsonNode english = camundasEnglish(app).path("labels");
    JsonNode translation = escalas(app, lang).path("labels");

    List<String> wrong = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = english.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      String englishText = label.getValue().asText();
      String translated = translation.path(label.getKey()).asText("");
      if (!placeholders(englishText).equals(placeholders(translated))) {
        wrong.add(label.getKey() + ": " + placeholders(englishText) + " but " + placeholders(translated));
      }
      if (!englishText.isBlank() && translated.isBlank()) {
        wrong.add(label.getKey() + ": empty");
      }
    }
    assertThat(wrong).as("labels of %s/locales/%s.json", app, lang).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void configOffersExactlyTheShippedLocalesWithSpanishAsFallback(String app) throws IOException {
    String config = read(escalasResource(WEBAPPS + app + "/scripts/config.js"));
    Matcher available = Pattern.compile("availableLocales:\\s*\\[([^]]*)]").matcher(config);
    assertThat(available.find()).as("availableLocales in %s config.js", app).isTrue();
    List<String> codes = Pattern.compile("'([^']*)'").matcher(available.group(1)).results()
        .map(match -> match.group(1)).toList();

    assertThat(codes).containsExactly("es", "pt", "en");
    assertThat(config).containsPattern("fallbackLocale:\\s*'es'");
    // Camunda's loader compares the browser's primary language subtag, lower-cased, with these codes: a code like
    // "pt-BR" would never be chosen.
    assertThat(codes).allSatisfy(code -> assertThat(code).matches("[a-z]{2,3}"));
    for (String code : TRANSLATIONS) {
      assertThat(codes).contains(code);
    }
  }

  private static void compare(JsonNode english, JsonNode translation, String path, List<String> missing) {
    if (english.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = english.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        JsonNode counterpart = translation == null ? null : translation.get(field.getKey());
        if (counterpart == null) {
          missing.add(childPath);
        } else {
          compare(field.getValue(), counterpart, childPath, missing);
        }
      }
    } else if (english.isArray()) {
      if (!translation.isArray() || translation.size() != english.size()) {
        missing.add(path + " (a list of " + english.size() + ")");
      }
    } else if (english.getNodeType() != translation.getNodeType()) {
      missing.add(path + " (a " + english.getNodeType() + ")");
    }
  }

  private static List<String> placeholders(String text) {
    List<String> found = new ArrayList<>(PLACEHOLDER.matcher(text).results().map(java.util.regex.MatchResult::group).toList());
    Collections.sort(found);
    return found;
  }

  /** en.json from Camunda's webjar, never a copy of Escala's. */
  static JsonNode camundasEnglish(String app) throws IOException {
    String name = WEBAPPS + app + "/locales/en.json";
    for (URL url : Collections.list(WebappLocalesTest.class.getClassLoader().getResources(name))) {
      if ("jar".equals(url.getProtocol()) && url.getPath().contains("camunda-webapp")) {
        return parse(url);
      }
    }
    throw new AssertionError(name + " not found in Camunda's webjar on the classpath");
  }

  static JsonNode escalas(String app, String lang) throws IOException {
    return parse(escalasResource(WEBAPPS + app + "/locales/" + lang + ".json"));
  }

  /** Escala's own file (target/classes), not one a Camunda jar might ship under the same name. */
  static URL escalasResource(String name) throws IOException {
    for (URL url : Collections.list(WebappLocalesTest.class.getClassLoader().getResources(name))) {
      if ("file".equals(url.getProtocol())) {
        return url;
      }
    }
    throw new AssertionError(name + " is not among Escala's resources");
  }

  private static JsonNode parse(URL url) throws IOException {
    // Camunda's files start with a byte-order mark; Jackson skips it when it reads bytes.
    try (InputStream in = url.openStream()) {
      return JSON.readTree(in);
    }
  }

  private static String read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
