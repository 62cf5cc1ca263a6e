package io.escala.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Escala writes to people it knows only by name: a Spanish or Portuguese greeting or subject that agrees with the
 * reader's gender ("Bienvenido", "Estimada", "Prezado") is wrong for many of them. Checks every e-mail subject and
 * greeting in the bundles and the e-mail templates (all features: one rule for all mail).
 */
class GenderNeutralMailWordingTest {

  private static final Pattern GENDERED = Pattern.compile(
      // "la bienvenida" is a noun and neutral: "Te damos la bienvenida"
      "(?iu)\\b((?<!la )bienvenid[oa]s?|estimad[oa]s?|querid[oa]s?|prezad[oa]s?|car[oa]s?|bem-vind[oa]s?|seja bem)\\b");

  @Test
  void subjectsAndGreetingsInSpanishAndPortugueseDoNotAssumeTheReadersGender() throws IOException {
    List<Path> bundles;
    try (Stream<Path> files = Files.walk(Path.of("src/main/resources"), 2)) {
      bundles = files.filter(file -> file.getFileName().toString().matches("[a-z-]+(_pt_BR)?\\.properties"))
          .filter(file -> file.toString().contains("i18n") || file.getFileName().toString().startsWith("messages"))
          .toList();
    }
    assertThat(bundles).extracting(file -> file.getFileName().toString())
        .contains("onboarding.properties", "onboarding_pt_BR.properties", "messages.properties", "leads.properties");
    for (Path bundle : bundles) {
      Properties texts = new Properties();
      try (var reader = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
        texts.load(reader);
      }
      texts.forEach((key, text) -> {
        String name = (String) key;
        if (name.startsWith("mail.") && (name.endsWith(".subject") || name.contains("greeting"))) {
          assertThat((String) text).as(bundle.getFileName() + " " + name).doesNotContainPattern(GENDERED);
        }
      });
    }
  }

  @Test
  void eMailTemplatesHaveNoGenderedGreetingOfTheirOwn() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates/mail"))) {
      for (Path template : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(template, StandardCharsets.UTF_8)).as(template.toString())
            .doesNotContainPattern(GENDERED);
      }
    }
  }

  @Test
  void theWelcomeSubjectWelcomesEverybody() throws IOException {
    Properties spanish = new Properties();
    try (var reader = Files.newBufferedReader(Path.of("src/main/resources/i18n/onboarding.properties"),
        StandardCharsets.UTF_8)) {
      spanish.load(reader);
    }
    assertThat(spanish.getProperty("mail.onboarding.welcome.subject")).isEqualTo("Te damos la bienvenida a Escala, {0}");
  }
}
