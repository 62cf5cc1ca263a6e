package io.escala.platform.staff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escala.platform.Contributions;
import io.escala.platform.DashboardSection;
import io.escala.platform.DashboardSection.Chart;
import io.escala.platform.DashboardSection.Figure;
import io.escala.platform.DashboardSection.Label;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The staff dashboard: the {@link DashboardSection}s the viewer's groups may see, with every label translated and
 * every chart's data as JSON for {@code /js/dashboard.js} (which draws it with Chart.js) and as a table for screen
 * readers and for anyone without JavaScript.
 */
@Service
public class Dashboard {

  public record View(LocalDate from, LocalDate to, List<SectionView> sections) {}

  public record SectionView(String id, String title, List<FigureView> figures, List<ChartView> charts) {}

  public record FigureView(String label, String value) {}

  public record ChartView(String id, String title, String json, List<String> labels, List<SeriesView> series) {}

  public record SeriesView(String label, List<String> values) {}

  private final List<DashboardSection> sections;
  private final MessageSource messages;
  private final Clock clock;
  private final Duration window;
  private final Duration freshness;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, DashboardSection.Figures> recent = new ConcurrentHashMap<>();
  // Small and bounded: a few dashboards at once, each a handful of short read-only queries.
  private final ExecutorService queries = Executors.newFixedThreadPool(4, runnable -> {
    Thread thread = new Thread(runnable, "escala-dashboard");
    thread.setDaemon(true);
    return thread;
  });

  public Dashboard(List<DashboardSection> sections, MessageSource messages, Clock clock,
      @Value("${escala.dashboard.window:P30D}") Duration window,
      @Value("${escala.dashboard.freshness:PT30S}") Duration freshness) {
    this.sections = sections.stream().sorted(Comparator.comparingInt(DashboardSection::order)).toList();
    this.messages = messages;
    this.clock = clock;
    this.window = window;
    this.freshness = freshness;
  }

  /** The sections a person in {@code groups} may see (administrators: all), in their order. */
  public List<DashboardSection> sectionsFor(Set<String> groups) {
    boolean admin = groups.contains(Contributions.ADMIN_GROUP);
    return sections.stream()
        .filter(section -> admin || section.groups().stream().anyMatch(groups::contains))
        .toList();
  }

  public View render(Set<String> groups, Locale locale) {
    Instant now = clock.instant();
    Instant since = now.minus(window);
    boolean admin = groups.contains(Contributions.ADMIN_GROUP);
    DashboardSection.Query query = new DashboardSection.Query(since, now, Set.copyOf(groups), admin);
    // The sections' queries run side by side, each on its own connection: the page waits for the slowest one,
    // not for their sum.
    List<DashboardSection> visible = sectionsFor(groups);
    List<CompletableFuture<DashboardSection.Figures>> pending = visible.stream()
        .map(section -> CompletableFuture.supplyAsync(() -> figures(section, query), queries))
        .toList();
    List<SectionView> views = new java.util.ArrayList<>();
    for (int i = 0; i < visible.size(); i++) {
      views.add(view(visible.get(i), join(pending.get(i)), locale));
    }
    return new View(LocalDate.ofInstant(since, ZoneOffset.UTC), LocalDate.ofInstant(now, ZoneOffset.UTC), views);
  }

  /**
   * A section's figures, computed at most once per {@code escala.dashboard.freshness} period for the same groups:
   * a team reloading the dashboard, or a wall screen, costs the database one set of queries per period.
   */
  private DashboardSection.Figures figures(DashboardSection section, DashboardSection.Query query) {
    if (freshness.isZero()) {
      return section.figures(query);
    }
    long period = query.now().toEpochMilli() / freshness.toMillis();
    String key = section.id() + "|" + period + "|" + (query.allGroups() ? "*" : new TreeSet<>(query.viewerGroups()));
    String prefix = section.id() + "|" + period + "|";
    recent.keySet().removeIf(old -> old.startsWith(section.id() + "|") && !old.startsWith(prefix));
    return recent.computeIfAbsent(key, ignored -> section.figures(query));
  }

  private static DashboardSection.Figures join(CompletableFuture<DashboardSection.Figures> figures) {
    try {
      return figures.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  @PreDestroy
  void stop() {
    queries.shutdown();
  }

  private SectionView view(DashboardSection section, DashboardSection.Figures figures, Locale locale) {
    List<FigureView> figureViews = figures.figures().stream()
        .map(figure -> new FigureView(text(figure.label(), locale), format(figure, locale))).toList();
    List<ChartView> charts = figures.charts().stream().map(chart -> chart(chart, locale)).toList();
    return new SectionView(section.id(), messages.getMessage(section.titleKey(), null, section.id(), locale),
        figureViews, charts);
  }

  private ChartView chart(Chart chart, Locale locale) {
    List<String> labels = chart.labels().stream().map(label -> text(label, locale)).toList();
    NumberFormat numbers = NumberFormat.getNumberInstance(locale);
    numbers.setMaximumFractionDigits(1);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("type", switch (chart.type()) {
      case BAR, HORIZONTAL_BAR -> "bar";
      case DOUGHNUT -> "doughnut";
    });
    data.put("horizontal", chart.type() == DashboardSection.ChartType.HORIZONTAL_BAR);
    data.put("labels", labels);
    data.put("series", chart.series().stream()
        .map(series -> Map.of("label", text(series.label(), locale), "values", series.values())).toList());
    List<SeriesView> seriesViews = chart.series().stream()
        .map(series -> new SeriesView(text(series.label(), locale),
            series.values().stream().map(value -> numbers.format(value)).toList()))
        .toList();
    try {
      return new ChartView(chart.id(), text(chart.title(), locale), json.writeValueAsString(data), labels,
          seriesViews);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Chart " + chart.id() + " is not JSON", e);
    }
  }

  private String format(Figure figure, Locale locale) {
    NumberFormat number = NumberFormat.getNumberInstance(locale);
    return switch (figure.unit()) {
      case COUNT -> number.format(Math.round(figure.value()));
      case PERCENT -> {
        number.setMaximumFractionDigits(1);
        yield number.format(figure.value()) + " %";
      }
      case HOURS -> {
        number.setMaximumFractionDigits(1);
        yield messages.getMessage("staff.dashboard.hours", new Object[] {number.format(figure.value())},
            number.format(figure.value()) + " h", locale);
      }
      case USD -> {
        number.setMinimumFractionDigits(2);
        number.setMaximumFractionDigits(2);
        yield "US$ " + number.format(figure.value());
      }
    };
  }

  private String text(Label label, Locale locale) {
    return messages.getMessage(label.key(), null, label.fallback(), locale);
  }

}
