package io.escala.dashboard;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows the dashboard reads, written straight into the tables (Escala's and Camunda's history) in batches, so a test
 * can know every figure and a benchmark can load a hundred thousand cases in seconds. Every id carries
 * {@code run}, so runs do not collide.
 */
public final class DashboardData {

  private static final int BATCH = 2_000;

  private final JdbcTemplate jdbc;
  private final String run;

  public DashboardData(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.run = UUID.randomUUID().toString().substring(0, 8);
  }

  /** A signup at {@code at}; verified / activated after the given delays, or never when null. */
  public record Signup(Instant at, Duration verifiedAfter, Duration activatedAfter) {}

  public void signups(List<Signup> signups) {
    signups(signups, 0);
  }

  /** {@code offset}: the number of the first row, so several calls of one run write distinct ids. */
  public void signups(List<Signup> signups, int offset) {
    List<Object[]> rows = new ArrayList<>();
    for (int n = 0; n < signups.size(); n++) {
      Signup signup = signups.get(n);
      int i = n + offset;
      rows.add(new Object[] {run + "-s-" + i, "s" + i + "-" + run + "@example.com", "Cliente " + i, "Acme", "MX",
          "ai-courses", "starter", "es", "consent", ts(signup.at()),
          signup.activatedAfter() != null ? "ACTIVE" : signup.verifiedAfter() != null ? "VERIFIED"
              : "PENDING_VERIFICATION",
          ts(signup.at()), signup.verifiedAfter() == null ? null : ts(signup.at().plus(signup.verifiedAfter())),
          signup.activatedAfter() == null ? null : ts(signup.at().plus(signup.activatedAfter()))});
    }
    batch("""
        INSERT INTO onboarding_signup (id, email, name, company, country, product, plan, locale, consent_text,
                                       consent_at, status, created_at, verified_at, activated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
  }

  /** A lead captured at {@code at} with one score snapshot ({@code route} may be null: never scored). */
  public record Lead(Instant at, Integer total, String route, boolean handedToSales) {}

  public void leads(List<Lead> leads) {
    leads(leads, 0);
  }

  public void leads(List<Lead> leads, int offset) {
    List<Object[]> rows = new ArrayList<>();
    List<Object[]> scores = new ArrayList<>();
    List<Object[]> contacts = new ArrayList<>();
    for (int n = 0; n < leads.size(); n++) {
      Lead lead = leads.get(n);
      int i = n + offset;
      String key = "l" + i + "-" + run + "@example.com";
      rows.add(new Object[] {key, "Lead " + i, "Acme", "es", "America/Mexico_City", true, false, "consent",
          ts(lead.at()), "form", "OPEN", ts(lead.at()), ts(lead.at())});
      if (lead.route() != null) {
        scores.add(new Object[] {key, lead.total() / 2, lead.total() - lead.total() / 2, lead.total(), lead.route(),
            ts(lead.at().plusSeconds(60))});
      }
      if (lead.handedToSales()) {
        contacts.add(new Object[] {key, ts(lead.at()), ts(lead.at())});
      }
    }
    batch("""
        INSERT INTO nurture_lead (lead_key, name, company, language, time_zone, consent_email, consent_phone,
                                  consent_text, consent_at, source, status, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    batch("""
        INSERT INTO lead_score_snapshot (lead_key, fit, engagement, total, route, computed_at)
        VALUES (?, ?, ?, ?, ?, ?)""", scores);
    batch("INSERT INTO crm_contact (email, source, created_at, updated_at) VALUES (?, 'lead-nurturing', ?, ?)",
        contacts);
    batch("""
        INSERT INTO crm_deal (deal_key, contact_id, name, stage, created_at, updated_at)
        SELECT 'lead:' || email, id, email, 'qualification', created_at, updated_at FROM crm_contact
        WHERE email = ?""", contacts.stream().map(contact -> new Object[] {contact[0]}).toList());
  }

  public void mails(Instant at, String status, int count) {
    mails(at, status, count, 0);
  }

  public void mails(Instant at, String status, int count, int batch) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(new Object[] {run + "-m-" + batch + "-" + status + "-" + i, "onboarding/verify", "m" + i + "@example.com", "es",
          "Confirma tu correo", "Hola", "<p>Hola</p>", status, ts(at)});
    }
    batch("""
        INSERT INTO mail_message (idempotency_key, template, recipient_email, locale, subject, body_text, body_html,
                                  status, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
  }

  public void llmCalls(Instant at, String taskId, String generatedBy, int count, long promptTokens,
      long completionTokens) {
    llmCalls(at, taskId, generatedBy, count, promptTokens, completionTokens, 0);
  }

  public void llmCalls(Instant at, String taskId, String generatedBy, int count, long promptTokens,
      long completionTokens, int batch) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(new Object[] {taskId, run + "-c-" + batch + "-" + i, "gpt-4o-mini", generatedBy, 1, promptTokens, completionTokens,
          "fallback".equals(generatedBy) ? "OFFLINE" : "OK", ts(at)});
    }
    batch("""
        INSERT INTO llm_usage (task_id, correlation_id, model, generated_by, attempts, prompt_tokens,
                               completion_tokens, outcome, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
  }

  /**
   * Finished cases in Camunda's history: one process instance with one user task for {@code group}, started at
   * {@code at}, the task done after {@code took} and due after {@code due}.
   */
  public void completedTasks(String process, String taskKey, String group, Instant at, Duration took, Duration due,
      int count) {
    List<Object[]> instances = new ArrayList<>();
    List<Object[]> tasks = new ArrayList<>();
    List<Object[]> links = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String pi = run + "-pi-" + taskKey + "-" + i;
      String task = run + "-t-" + taskKey + "-" + i;
      Instant end = at.plus(took);
      instances.add(new Object[] {pi, pi, pi, process + ":1:x", process, ts(at), ts(end), took.toMillis(),
          "COMPLETED"});
      tasks.add(new Object[] {task, taskKey, process, process + ":1:x", pi, pi, pi, taskKey, ts(at), ts(end),
          took.toMillis(), ts(at.plus(due)), "completed"});
      links.add(new Object[] {run + "-il-" + taskKey + "-" + i, ts(at), "candidate", group, task, pi, "add"});
    }
    batch("""
        INSERT INTO ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_ID_, PROC_DEF_KEY_, START_TIME_,
                                     END_TIME_, DURATION_, STATE_)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", instances);
    batch("""
        INSERT INTO ACT_HI_TASKINST (ID_, TASK_DEF_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_,
                                     PROC_INST_ID_, EXECUTION_ID_, NAME_, START_TIME_, END_TIME_, DURATION_,
                                     DUE_DATE_, DELETE_REASON_)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", tasks);
    batch("""
        INSERT INTO ACT_HI_IDENTITYLINK (ID_, TIMESTAMP_, TYPE_, GROUP_ID_, TASK_ID_, ROOT_PROC_INST_ID_,
                                         OPERATION_TYPE_)
        VALUES (?, ?, ?, ?, ?, ?, ?)""", links);
  }

  private void batch(String sql, List<Object[]> rows) {
    for (int from = 0; from < rows.size(); from += BATCH) {
      jdbc.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + BATCH)));
    }
  }

  private static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }
}
