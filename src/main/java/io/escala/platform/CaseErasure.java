package io.escala.platform;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The right to erasure, for every feature at once: given a person's e-mail address, the cases about them (running
 * instances, and their history with variables, tasks and the decisions evaluated for them — see
 * {@link CaseDecisionHistory}), the messages waiting for those cases, and every {@link PersonalDataHolder}'s records
 * (the flows' tables, the outbox, the CRM). One transaction: all of it or nothing.
 */
@Service
public class CaseErasure {

  private static final Logger log = LoggerFactory.getLogger(CaseErasure.class);

  private final RuntimeService runtime;
  private final HistoryService history;
  private final JdbcClient jdbc;
  private final List<PersonalDataHolder> holders;
  private final ExecutorService afterEnd = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "case-history-erasure");
    thread.setDaemon(true);
    return thread;
  });

  public CaseErasure(RuntimeService runtime, HistoryService history, JdbcClient jdbc,
      List<PersonalDataHolder> holders) {
    this.runtime = runtime;
    this.history = history;
    this.jdbc = jdbc;
    this.holders = List.copyOf(holders);
  }

  /** What was erased: the business keys found and how many cases (running or in history) they had. */
  public record Report(Set<String> caseKeys, int cases) {}

  @Transactional
  public Report erase(String email) {
    String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    Set<String> keys = new LinkedHashSet<>();
    holders.forEach(holder -> keys.addAll(holder.caseKeys(address)));
    int cases = 0;
    for (String key : keys) {
      cases += eraseCases(key);
    }
    holders.forEach(holder -> holder.erase(address));
    log.info("Personal data erased on request: {} case(s), {} feature(s) asked", cases, holders.size());
    return new Report(keys, cases);
  }

  /** The running instances and the history of every case with this business key, and its pending messages. */
  private int eraseCases(String businessKey) {
    List<String> running = runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list()
        .stream().map(ProcessInstance::getId).toList();
    // IfExists: a sub-process instance with the same key goes with its parent.
    runtime.deleteProcessInstancesIfExists(running, "erased on request", true, true, false);
    List<String> ids = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).list()
        .stream().map(HistoricProcessInstance::getId).toList();
    ids.forEach(this::eraseHistoryOf);
    jdbc.sql("DELETE FROM case_message WHERE business_key = ?").param(businessKey).update();
    return ids.size();
  }

  /**
   * One ended case's history: the decisions evaluated for it (Camunda does not delete them with the instance; their
   * inputs hold the person's data), what features keep per case, then the instance's history.
   */
  private void eraseHistoryOf(String processInstanceId) {
    history.createHistoricDecisionInstanceQuery().processInstanceId(processInstanceId).list()
        .forEach(decision -> history.deleteHistoricDecisionInstanceByInstanceId(decision.getId()));
    holders.forEach(holder -> holder.eraseCase(processInstanceId));
    history.deleteHistoricProcessInstancesIfExists(List.of(processInstanceId));
  }

  /**
   * For a case that erases its own person (e.g. a registration nobody confirmed): a case cannot delete its history while it
   * runs, so once the transaction that ends it has committed, its history is deleted. Should this node stop in
   * between, Camunda's history cleanup removes it with the definition's time to live (README, "Retention").
   */
  public void eraseHistoryWhenEnded(DelegateExecution execution) {
    String processInstanceId = execution.getProcessInstanceId();
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        afterEnd.execute(() -> {
          try {
            HistoricProcessInstance ended = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).finished().singleResult();
            if (ended != null) {
              eraseHistoryOf(processInstanceId);
              log.info("History of case {} erased after its end", processInstanceId);
            } else {
              log.warn("Case {} had not ended when its history was to be erased; history cleanup will remove it",
                  processInstanceId);
            }
          } catch (RuntimeException e) {
            log.warn("Could not erase the history of case {} now; history cleanup will: {}", processInstanceId,
                e.toString());
          }
        });
      }
    });
  }
}
