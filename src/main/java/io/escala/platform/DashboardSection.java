package io.escala.platform;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One block of the staff dashboard at {@code /staff}: a few figures and charts for the groups it names
 * (administrators see every section). Any package may declare one as a bean; the platform collects them, so the
 * dashboard names no flow. A section reads its figures with a few indexed queries: the page has to render in well
 * under a second with a hundred thousand cases in history.
 */
public interface DashboardSection {

  /** Short id, used as the HTML id and in tests: {@code onboarding}, {@code leads}. */
  String id();

  /** Message key of the section's heading. */
  String titleKey();

  /** Camunda groups this section is for; administrators see it too. */
  List<String> groups();

  /** Sections are shown in ascending order. */
  default int order() {
    return 100;
  }

  Figures figures(Query query);

  /**
   * What is asked: the period {@code [since, now)} and the groups of the person looking ({@code allGroups} for an
   * administrator), so a section about tasks can show each person their own groups' work.
   */
  record Query(Instant since, Instant now, Set<String> viewerGroups, boolean allGroups) {
    public boolean sees(String group) {
      return allGroups || viewerGroups.contains(group);
    }
  }

  /** A label: a message key, and the text shown when no bundle has the key (a group's or a flow's own name). */
  record Label(String key, String fallback) {
    public static Label of(String key) {
      return new Label(key, key);
    }

    public static Label text(String text) {
      return new Label("staff.dashboard.raw." + text, text);
    }
  }

  enum Unit { COUNT, PERCENT, HOURS, USD }

  record Figure(Label label, double value, Unit unit) {}

  /** One data series of a chart, values in the order of the chart's labels. */
  record Series(Label label, List<? extends Number> values) {
    public Series {
      values = List.copyOf(values);
    }
  }

  enum ChartType { BAR, HORIZONTAL_BAR, DOUGHNUT }

  record Chart(String id, Label title, ChartType type, List<Label> labels, List<Series> series) {
    public Chart {
      labels = List.copyOf(labels);
      series = List.copyOf(series);
    }
  }

  record Figures(List<Figure> figures, List<Chart> charts) {
    public Figures {
      figures = List.copyOf(figures);
      charts = List.copyOf(charts);
    }
  }
}
