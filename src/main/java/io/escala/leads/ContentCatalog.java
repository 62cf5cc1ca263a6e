package io.escala.leads;

import io.escala.platform.LocaleConfiguration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Escala's content catalog (courses, webinars, case studies), the single source of links in nurture e-mails: a
 * recommendation (or an LLM's suggestion) that is not in here is never sent. Seeded by {@code V7__lead_delivery.sql}.
 */
@Repository
public class ContentCatalog {

  public static final Set<String> INTERESTS = Set.of("ai-courses", "marketing-automation", "document-generation");

  private static final String FALLBACK_LANGUAGE = "es";
  private static final String COLUMNS = "id, kind, language, interest, title, url, summary";

  private final JdbcClient jdbc;

  public ContentCatalog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The items for an interest in the lead's language (pt → pt-BR, en → en, anything else → es), in catalog order;
   * the Spanish items when the catalog has none in that language. Empty for an unknown interest.
   */
  public List<ContentItem> forInterest(String interest, Locale locale) {
    if (interest == null || !INTERESTS.contains(interest)) {
      return List.of();
    }
    String language = catalogLanguage(locale);
    List<ContentItem> items = itemsFor(interest, language);
    return items.isEmpty() && !language.equals(FALLBACK_LANGUAGE) ? itemsFor(interest, FALLBACK_LANGUAGE) : items;
  }

  public Optional<ContentItem> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM content_item WHERE id = :id")
        .param("id", id)
        .query(ContentItem.class)
        .optional();
  }

  /** Whether some catalog item links to exactly this URL. */
  public boolean containsUrl(String url) {
    if (url == null) {
      return false;
    }
    return jdbc.sql("SELECT COUNT(*) FROM content_item WHERE url = :url")
        .param("url", url)
        .query(Long.class)
        .single() > 0;
  }

  /** The catalog's language code for a lead's locale: es, pt-BR or en. */
  static String catalogLanguage(Locale locale) {
    return LocaleConfiguration.supported(locale).toLanguageTag();
  }

  private List<ContentItem> itemsFor(String interest, String language) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM content_item WHERE interest = :interest AND language = :language"
            + " ORDER BY sort_order, id")
        .param("interest", interest)
        .param("language", language)
        .query(ContentItem.class)
        .list();
  }
}
