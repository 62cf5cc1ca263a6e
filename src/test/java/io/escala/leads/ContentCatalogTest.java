package io.escala.leads;

import io.escala.support.MigratedTestDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentCatalogTest {

  private final MigratedTestDatabase database = MigratedTestDatabase.h2("deliverytest");
  private final ContentCatalog catalog = new ContentCatalog(database.jdbc);

  @AfterEach
  void dropDatabase() {
    database.drop();
  }

  @Test
  void theSeededCatalogHasAtLeastTwoHttpsEscalaItemsPerInterestAndLanguage() {
    for (String interest : ContentCatalog.INTERESTS) {
      for (String language : List.of("es", "pt-BR", "en")) {
        List<ContentItem> items = catalog.forInterest(interest, Locale.forLanguageTag(language));
        assertThat(items).as(interest + " in " + language).hasSizeGreaterThanOrEqualTo(2)
            .allSatisfy(item -> {
              assertThat(item.language()).isEqualTo(language);
              assertThat(item.interest()).isEqualTo(interest);
              assertThat(item.kind()).isIn("course", "webinar", "case-study");
              assertThat(item.url()).startsWith("https://escala.io/");
              assertThat(item.title()).isNotBlank();
              assertThat(item.summary()).isNotBlank();
            });
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"pt, pt-BR", "pt-PT, pt-BR", "pt-BR, pt-BR", "en-US, en", "es-MX, es", "fr, es", "'', es"})
  void theLeadsLanguageIsMatchedToACatalogLanguage(String tag, String expected) {
    assertThat(catalog.forInterest("marketing-automation", Locale.forLanguageTag(tag)))
        .extracting(ContentItem::language)
        .containsOnly(expected);
  }

  @Test
  void aLanguageWithoutItemsForTheInterestFallsBackToSpanish() {
    database.jdbc.sql("DELETE FROM content_item WHERE language = 'en' AND interest = 'document-generation'").update();

    assertThat(catalog.forInterest("document-generation", Locale.ENGLISH))
        .isNotEmpty()
        .extracting(ContentItem::language)
        .containsOnly("es");
    assertThat(catalog.forInterest("ai-courses", Locale.ENGLISH)).extracting(ContentItem::language).containsOnly("en");
  }

  @Test
  void itemsComeInCatalogOrder() {
    assertThat(catalog.forInterest("ai-courses", Locale.forLanguageTag("es")))
        .extracting(ContentItem::id)
        .startsWith("ia-generativa-para-educadores-es", "webinar-ia-en-la-capacitacion-es");
  }

  @Test
  void anUnknownInterestHasNoContent() {
    assertThat(catalog.forInterest("crypto", Locale.ENGLISH)).isEmpty();
    assertThat(catalog.forInterest(null, Locale.ENGLISH)).isEmpty();
  }

  @Test
  void findsAnItemByIdAndRecognisesCatalogUrlsExactly() {
    ContentItem item = catalog.find("generative-ai-for-educators-en").orElseThrow();

    assertThat(item.kind()).isEqualTo("course");
    assertThat(item.url()).isEqualTo("https://escala.io/en/courses/generative-ai-for-educators");
    assertThat(catalog.find("no-such-item")).isEmpty();
    assertThat(catalog.containsUrl(item.url())).isTrue();
    assertThat(catalog.containsUrl(item.url() + "?next=https://evil.test")).isFalse();
  }
}
