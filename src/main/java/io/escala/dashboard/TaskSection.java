package io.escala.dashboard;

import io.escala.platform.Contributions;
import io.escala.platform.DashboardSection;
import io.escala.platform.StaffGroup;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every staff group: its open tasks (and how many are past their due date), and for the tasks completed in the
 * period the median cycle time and how many were completed after their due date. Reads Camunda's tables directly,
 * through Camunda's own indexes: the runtime task and candidate link of each open task, and the completed task
 * instances by {@code END_TIME_} joined to their candidate-group history by {@code TASK_ID_}.
 */
@Component
class TaskSection implements DashboardSection {

  private final JdbcClient jdbc;
  private final Contributions contributions;

  TaskSection(JdbcClient jdbc, Contributions contributions) {
    this.jdbc = jdbc;
    this.contributions = contributions;
  }

  @Override
  public String id() {
    return "tasks";
  }

  @Override
  public String titleKey() {
    return "staff.dashboard.tasks";
  }

  @Override
  public List<String> groups() {
    return contributions.staffGroups().stream().map(StaffGroup::id).toList();
  }

  @Override
  public int order() {
    return 50;
  }

  @Override
  public Figures figures(Query query) {
    Timestamp now = Timestamp.from(query.now());
    Map<String, GroupTasks> byGroup = new LinkedHashMap<>();
    for (StaffGroup group : contributions.staffGroups()) {
      if (query.sees(group.id())) {
        byGroup.put(group.id(), new GroupTasks(group));
      }
    }
    jdbc.sql("""
            SELECT l.GROUP_ID_ AS grp, COUNT(*) AS open_tasks,
                   SUM(CASE WHEN t.DUE_DATE_ < :now THEN 1 ELSE 0 END) AS overdue
            FROM ACT_RU_TASK t JOIN ACT_RU_IDENTITYLINK l ON l.TASK_ID_ = t.ID_
            WHERE l.TYPE_ = 'candidate' AND l.GROUP_ID_ IS NOT NULL
            GROUP BY l.GROUP_ID_""")
        .param("now", now)
        .query((rs, row) -> {
          GroupTasks tasks = byGroup.get(rs.getString("grp"));
          if (tasks != null) {
            tasks.open = rs.getLong("open_tasks");
            tasks.overdue = rs.getLong("overdue");
          }
          return null;
        }).list();
    jdbc.sql("""
            SELECT l.GROUP_ID_ AS grp, COUNT(*) AS done,
                   PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY t.DURATION_) AS median_ms,
                   SUM(CASE WHEN t.DUE_DATE_ IS NOT NULL AND t.END_TIME_ > t.DUE_DATE_ THEN 1 ELSE 0 END) AS late
            FROM ACT_HI_TASKINST t JOIN ACT_HI_IDENTITYLINK l ON l.TASK_ID_ = t.ID_
            WHERE t.END_TIME_ >= :since AND t.END_TIME_ < :now
              AND l.TYPE_ = 'candidate' AND l.OPERATION_TYPE_ = 'add' AND l.GROUP_ID_ IS NOT NULL
            GROUP BY l.GROUP_ID_""")
        .param("since", Timestamp.from(query.since())).param("now", now)
        .query((rs, row) -> {
          GroupTasks tasks = byGroup.get(rs.getString("grp"));
          if (tasks != null) {
            tasks.completed = rs.getLong("done");
            tasks.medianHours = rs.getObject("median_ms") == null ? 0 : rs.getDouble("median_ms") / 3_600_000.0;
            tasks.late = rs.getLong("late");
          }
          return null;
        }).list();

    List<Label> labels = new ArrayList<>();
    List<Long> open = new ArrayList<>();
    List<Long> overdue = new ArrayList<>();
    List<Double> median = new ArrayList<>();
    long openTotal = 0;
    long overdueTotal = 0;
    long lateTotal = 0;
    for (GroupTasks tasks : byGroup.values()) {
      labels.add(new Label("staff.group." + tasks.group.id(), tasks.group.name()));
      open.add(tasks.open);
      overdue.add(tasks.overdue);
      median.add(Math.round(tasks.medianHours * 10) / 10.0);
      openTotal += tasks.open;
      overdueTotal += tasks.overdue;
      lateTotal += tasks.late;
    }
    return new Figures(
        List.of(new Figure(Label.of("staff.dashboard.tasks.open"), openTotal, Unit.COUNT),
            new Figure(Label.of("staff.dashboard.tasks.overdue"), overdueTotal, Unit.COUNT),
            new Figure(Label.of("staff.dashboard.tasks.late"), lateTotal, Unit.COUNT)),
        List.of(new Chart("tasks-open", Label.of("staff.dashboard.tasks.openPerGroup"), ChartType.HORIZONTAL_BAR,
                labels, List.of(new Series(Label.of("staff.dashboard.tasks.open"), open),
                    new Series(Label.of("staff.dashboard.tasks.overdue"), overdue))),
            new Chart("tasks-cycle", Label.of("staff.dashboard.tasks.cycleTime"), ChartType.HORIZONTAL_BAR, labels,
                List.of(new Series(Label.of("staff.dashboard.tasks.medianHours"), median)))));
  }

  private static final class GroupTasks {
    final StaffGroup group;
    long open;
    long overdue;
    long completed;
    double medianHours;
    long late;

    GroupTasks(StaffGroup group) {
      this.group = group;
    }
  }
}
