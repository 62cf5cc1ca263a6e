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
 * period the median cycle time per task and how many were completed after their due date. Reads Camunda's tables
 * directly, through Camunda's own indexes: the runtime task and candidate link of each open task, and the completed
 * task instances by {@code END_TIME_}.
 */
@Component
class TaskSection implements DashboardSection {

  private final JdbcClient jdbc;
  private final Contributions contributions;
  private final Map<String, String> groups = new java.util.concurrent.ConcurrentHashMap<>();

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
    // Completed tasks of the period per task definition: a range of Camunda's END_TIME_ index, no join. Each
    // definition's candidate group is looked up once and remembered.
    List<TaskTimes> completed = new ArrayList<>();
    jdbc.sql("""
            SELECT PROC_DEF_KEY_ AS process, TASK_DEF_KEY_ AS task, MAX(NAME_) AS name, COUNT(*) AS done,
                   PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY DURATION_) AS median_ms,
                   SUM(CASE WHEN DUE_DATE_ IS NOT NULL AND END_TIME_ > DUE_DATE_ THEN 1 ELSE 0 END) AS late
            FROM ACT_HI_TASKINST
            WHERE END_TIME_ >= :since AND END_TIME_ < :now AND TASK_DEF_KEY_ IS NOT NULL
            GROUP BY PROC_DEF_KEY_, TASK_DEF_KEY_""")
        .param("since", Timestamp.from(query.since())).param("now", now)
        .query((rs, row) -> {
          String group = groupOf(rs.getString("process"), rs.getString("task"));
          GroupTasks tasks = byGroup.get(group);
          if (tasks != null) {
            double hours = rs.getObject("median_ms") == null ? 0 : rs.getDouble("median_ms") / 3_600_000.0;
            String name = rs.getString("name");
            completed.add(new TaskTimes(name == null ? rs.getString("task") : name, hours));
            tasks.late += rs.getLong("late");
          }
          return null;
        }).list();

    List<Label> labels = new ArrayList<>();
    List<Long> open = new ArrayList<>();
    List<Long> overdue = new ArrayList<>();
    long openTotal = 0;
    long overdueTotal = 0;
    long lateTotal = 0;
    for (GroupTasks tasks : byGroup.values()) {
      labels.add(new Label("staff.group." + tasks.group.id(), tasks.group.name()));
      open.add(tasks.open);
      overdue.add(tasks.overdue);
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
            new Chart("tasks-cycle", Label.of("staff.dashboard.tasks.cycleTime"), ChartType.HORIZONTAL_BAR,
                completed.stream().map(task -> Label.text(task.name())).toList(),
                List.of(new Series(Label.of("staff.dashboard.tasks.medianHours"), completed.stream()
                    .map(task -> Math.round(task.medianHours() * 10) / 10.0).toList())))));
  }

  /**
   * The candidate group of a task definition, from the history of one of its tasks; null when it has none. Task
   * definitions do not move between groups often, and a stale answer only files a chart bar under the old group.
   */
  private String groupOf(String process, String task) {
    return groups.computeIfAbsent(process + "\u0000" + task, key -> jdbc.sql("""
            SELECT l.GROUP_ID_ FROM ACT_HI_TASKINST t JOIN ACT_HI_IDENTITYLINK l ON l.TASK_ID_ = t.ID_
            WHERE t.PROC_DEF_KEY_ = :process AND t.TASK_DEF_KEY_ = :task AND l.TYPE_ = 'candidate'
              AND l.GROUP_ID_ IS NOT NULL
            ORDER BY t.START_TIME_ DESC FETCH FIRST 1 ROWS ONLY""")
        .param("process", process).param("task", task).query(String.class).optional().orElse(NO_GROUP));
  }

  private static final String NO_GROUP = "";

  private record TaskTimes(String name, double medianHours) {}

  private static final class GroupTasks {
    final StaffGroup group;
    long open;
    long overdue;
    long late;

    GroupTasks(StaffGroup group) {
      this.group = group;
    }
  }
}
