package io.escala.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way Escala tells a case (by business key) that something happened: a click on a confirmation link, a
 * webhook event, an unsubscribe, a bounce, a payment. A click or a webhook never turns into a 500 and no event is
 * lost:
 *
 * <ol>
 *   <li>{@link #send} records the message in {@code case_message}, inside the caller's transaction when there is one
 *       (so the message exists exactly when the state change it announces was committed, as in an outbox);
 *   <li>after that commit it is delivered to every execution of the case that waits for it, retrying optimistic
 *       locking conflicts (the case was busy in a job); the row is deleted in the transaction that delivers it;
 *   <li>a case that is not waiting yet (the job before the receive task is still retrying) finds the message when it
 *       arrives: {@link CaseMessageArrival} delivers a case's pending messages each time it starts waiting for one,
 *       and {@link #deliverDue()} sweeps what is left, on any node (rows are claimed with {@code SKIP LOCKED});
 *   <li>a message for a business key with no running case is dropped at once (the state lives in Escala's tables;
 *       the message is only the wake-up), and one no execution took before {@code deliver-until} is dropped with a
 *       warning.
 * </ol>
 */
@Component
public class CaseMessages {

  /** What became of a message right after {@link #send} (or after the caller's commit). */
  public enum Outcome { DELIVERED, PENDING, NO_CASE }

  private static final Logger log = LoggerFactory.getLogger(CaseMessages.class);
  private static final int ATTEMPTS = 5;
  private static final TypeReference<LinkedHashMap<String, Object>> VARIABLES = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final RuntimeService runtime;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private final Duration keepFor;
  private final ObjectMapper json = new ObjectMapper();
  private final ExecutorService arrivals = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "case-message-arrivals");
    thread.setDaemon(true);
    return thread;
  });

  public CaseMessages(JdbcClient jdbc, RuntimeService runtime, PlatformTransactionManager transactions, Clock clock,
      @Value("${escala.case-messages.keep-for:P2D}") Duration keepFor) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.keepFor = keepFor;
  }

  /** {@link #send(String, String, Map)} without variables. */
  public Outcome send(String messageName, String businessKey) {
    return send(messageName, businessKey, Map.of());
  }

  /**
   * Tells the case {@code businessKey} that {@code messageName} happened. Inside a transaction the message is
   * recorded with it and delivered after its commit ({@link Outcome#PENDING} is returned); outside one it is recorded
   * and delivered at once.
   *
   * @param variables small JSON values (strings, numbers, booleans) set on the case with the message
   */
  public Outcome send(String messageName, String businessKey, Map<String, ?> variables) {
    String variablesJson = toJson(variables);
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      record(messageName, businessKey, variablesJson);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          deliverPending(businessKey);
        }
      });
      return Outcome.PENDING;
    }
    long id = ownTransaction.execute(status -> record(messageName, businessKey, variablesJson));
    deliverPending(businessKey);
    return outcomeOf(id, businessKey);
  }

  /** Delivers every pending message of a case, oldest first; never throws. */
  public void deliverPending(String businessKey) {
    try {
      List<Pending> pending = jdbc.sql("SELECT id, message_name, business_key, variables_json FROM case_message"
              + " WHERE business_key = ? ORDER BY id")
          .param(businessKey)
          .query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
      Set<String> waiting = new HashSet<>();
      for (Pending message : pending) {
        // Messages of one name keep their order; a case not ready for one name still takes the others.
        if (!waiting.contains(message.name()) && !deliver(message.id())) {
          waiting.add(message.name());
        }
      }
    } catch (RuntimeException e) {
      log.warn("Could not deliver the pending messages of case {}: {}", businessKey, e.toString());
    }
  }

  /** Called when a case starts waiting for a message: its pending messages are delivered after the commit. */
  void caseStartedWaiting(String businessKey) {
    if (businessKey == null) {
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        // Another thread: this one is still finishing the engine command that just committed.
        arrivals.execute(() -> deliverPending(businessKey));
      }
    });
  }

  /** Every node sweeps now and then what was not delivered on arrival; expired messages are dropped. */
  @Scheduled(fixedDelayString = "${escala.case-messages.sweep-every:PT30S}",
      initialDelayString = "${escala.case-messages.sweep-every:PT30S}")
  public void deliverDue() {
    OffsetDateTime now = now();
    List<String> expired = jdbc.sql("SELECT message_name || ' for ' || business_key FROM case_message"
        + " WHERE deliver_until < ?").param(now).query(String.class).list();
    if (!expired.isEmpty()) {
      int dropped = jdbc.sql("DELETE FROM case_message WHERE deliver_until < ?").param(now).update();
      log.warn("Dropped {} message(s) no case took within {}: {}", dropped, keepFor, expired);
    }
    jdbc.sql("SELECT DISTINCT business_key FROM case_message").query(String.class).list()
        .forEach(this::deliverPending);
  }

  /** True when the message was delivered or dropped (no case); false when it has to wait. */
  private boolean deliver(long id) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        Boolean done = ownTransaction.execute(status -> deliverLocked(id));
        return Boolean.TRUE.equals(done);
      } catch (OptimisticLockingException busy) {
        // The case moved in a job at the same time; the retry sees its new state.
        pause(attempt);
      } catch (RuntimeException failed) {
        // Whatever the case ran while taking the message failed (a delegate, the database): the correlation rolled
        // back; the message stays and is tried again, and the other messages of the case are still delivered.
        note(id, failed.getClass().getSimpleName() + ": " + failed.getMessage());
        log.warn("Message {} could not be delivered yet: {}", id, failed.toString());
        return false;
      }
    }
    note(id, "case busy");
    return false;
  }

  private Boolean deliverLocked(long id) {
    List<Pending> rows = jdbc.sql("SELECT id, message_name, business_key, variables_json FROM case_message"
            + " WHERE id = ? FOR UPDATE SKIP LOCKED")
        .param(id).query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .list();
    if (rows.isEmpty()) {
      // Delivered meanwhile, or being delivered by another thread or node right now: in the second case a later
      // message of the same name must wait for it, so this counts as not delivered (the next pass sees it gone).
      return jdbc.sql("SELECT COUNT(*) FROM case_message WHERE id = ?").param(id).query(Long.class).single() == 0;
    }
    Pending message = rows.get(0);
    List<MessageCorrelationResult> results = runtime.createMessageCorrelation(message.name())
        .processInstanceBusinessKey(message.businessKey())
        .setVariables(fromJson(message.variablesJson()))
        .correlateAllWithResult();
    if (!results.isEmpty()) {
      jdbc.sql("DELETE FROM case_message WHERE id = ?").param(id).update();
      return true;
    }
    if (runtime.createProcessInstanceQuery().processInstanceBusinessKey(message.businessKey()).count() == 0) {
      log.debug("No running case {} for {}: nothing to wake up", message.businessKey(), message.name());
      jdbc.sql("DELETE FROM case_message WHERE id = ?").param(id).update();
      return true;
    }
    jdbc.sql("UPDATE case_message SET attempts = attempts + 1, last_outcome = 'not waiting yet' WHERE id = ?")
        .param(id).update();
    return false;
  }

  private Outcome outcomeOf(long id, String businessKey) {
    boolean pending = jdbc.sql("SELECT COUNT(*) FROM case_message WHERE id = ?").param(id).query(Long.class)
        .single() > 0;
    if (pending) {
      return Outcome.PENDING;
    }
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).count() > 0
        ? Outcome.DELIVERED : Outcome.NO_CASE;
  }

  private long record(String messageName, String businessKey, String variablesJson) {
    OffsetDateTime now = now();
    org.springframework.jdbc.support.GeneratedKeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql("INSERT INTO case_message (message_name, business_key, variables_json, created_at, deliver_until)"
            + " VALUES (?, ?, ?, ?, ?)")
        .params(messageName, businessKey, variablesJson, now, now.plus(keepFor))
        .update(key, "id");
    return key.getKey().longValue();
  }

  private void note(long id, String outcome) {
    try {
      jdbc.sql("UPDATE case_message SET attempts = attempts + 1, last_outcome = ? WHERE id = ?")
          .params(outcome.length() > 200 ? outcome.substring(0, 200) : outcome, id).update();
    } catch (DataAccessException ignored) {
      // only bookkeeping
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private String toJson(Map<String, ?> variables) {
    if (variables == null || variables.isEmpty()) {
      return null;
    }
    try {
      return json.writeValueAsString(variables);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Message variables must be plain JSON values", e);
    }
  }

  private Map<String, Object> fromJson(String variablesJson) {
    if (variablesJson == null) {
      return Map.of();
    }
    try {
      return json.readValue(variablesJson, VARIABLES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable variables of a case message", e);
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(25L << attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Pending(long id, String name, String businessKey, String variablesJson) {}
}
