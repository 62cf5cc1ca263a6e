package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.escala.platform.CaseMessages.Outcome;
import io.escala.support.MigratedTestDatabase;
import io.escala.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The correlation helper against Escala's table: a busy case (optimistic locking) gets the message on a retry, a
 * case that is not waiting yet gets it when it is, a message for no case wakes nobody, and a message sent inside a
 * transaction exists only if that transaction commits.
 */
class CaseMessagesTest {

  private final MigratedTestDatabase database = MigratedTestDatabase.h2("case-messages");
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T12:00:00Z"));
  private final RuntimeService runtime = mock(RuntimeService.class);
  private final MessageCorrelationBuilder correlation = mock(MessageCorrelationBuilder.class, RETURNS_SELF);
  private final ProcessInstanceQuery instances = mock(ProcessInstanceQuery.class, RETURNS_SELF);
  private CaseMessages messages;

  @BeforeEach
  void setUp() {
    when(runtime.createMessageCorrelation("EmailVerified")).thenReturn(correlation);
    when(runtime.createProcessInstanceQuery()).thenReturn(instances);
    messages = new CaseMessages(database.jdbc, runtime, database.transactionManager, clock, Duration.ofDays(2));
  }

  private long pending() {
    return database.count("case_message");
  }

  @Test
  void aBusyCaseGetsTheMessageOnARetryInsteadOfAnError() {
    when(correlation.correlateAllWithResult())
        .thenThrow(new OptimisticLockingException("case updated by a job"))
        .thenThrow(new OptimisticLockingException("case updated by a job"))
        .thenReturn(List.of(mock(MessageCorrelationResult.class)));
    when(instances.count()).thenReturn(1L);

    assertThat(messages.send("EmailVerified", "signup-1", Map.of("source", "click"))).isEqualTo(Outcome.DELIVERED);
    assertThat(pending()).isZero();
    verify(correlation, times(3)).setVariables(Map.of("source", "click"));
  }

  @Test
  void aCaseNotWaitingYetFindsTheMessageWhenItArrives() {
    when(correlation.correlateAllWithResult()).thenReturn(List.of());
    when(instances.count()).thenReturn(1L);

    assertThat(messages.send("EmailVerified", "signup-2")).isEqualTo(Outcome.PENDING);
    assertThat(pending()).isOne();

    // The case reaches its receive task.
    when(correlation.correlateAllWithResult()).thenReturn(List.of(mock(MessageCorrelationResult.class)));
    messages.deliverPending("signup-2");
    assertThat(pending()).isZero();
  }

  @Test
  void aMessageForNoRunningCaseWakesNobodyAndIsNotKept() {
    when(correlation.correlateAllWithResult()).thenReturn(List.of());
    when(instances.count()).thenReturn(0L);

    assertThat(messages.send("EmailVerified", "nobody")).isEqualTo(Outcome.NO_CASE);
    assertThat(pending()).isZero();
  }

  @Test
  void insideATransactionTheMessageExistsOnlyIfItCommits() {
    when(correlation.correlateAllWithResult()).thenReturn(List.of(mock(MessageCorrelationResult.class)));
    database.transaction().executeWithoutResult(status -> {
      assertThat(messages.send("EmailVerified", "signup-3")).isEqualTo(Outcome.PENDING);
      verify(correlation, never()).correlateAllWithResult();
      status.setRollbackOnly();
    });
    assertThat(pending()).isZero();
    verify(correlation, never()).correlateAllWithResult();

    database.transaction().executeWithoutResult(status -> messages.send("EmailVerified", "signup-3"));
    verify(correlation, times(1)).correlateAllWithResult();
    assertThat(pending()).isZero();
  }

  @Test
  void messagesNoCaseTookInTimeAreDroppedBySweep() {
    when(correlation.correlateAllWithResult()).thenReturn(List.of());
    when(instances.count()).thenReturn(1L);
    messages.send("EmailVerified", "signup-4");
    clock.advance(Duration.ofDays(1));
    messages.deliverDue();
    assertThat(pending()).as("kept within deliver-until").isOne();

    clock.advance(Duration.ofDays(1).plusMinutes(1));
    messages.deliverDue();
    assertThat(pending()).isZero();
  }

  @Test
  void aMessageTheCaseCannotTakeYetDoesNotHoldBackOthers() {
    MessageCorrelationBuilder confirmed = mock(MessageCorrelationBuilder.class, RETURNS_SELF);
    when(runtime.createMessageCorrelation("ConsentConfirmed")).thenReturn(confirmed);
    when(instances.count()).thenReturn(1L);
    when(correlation.correlateAllWithResult()).thenReturn(List.of());
    when(confirmed.correlateAllWithResult()).thenReturn(List.of(mock(MessageCorrelationResult.class)));

    assertThat(messages.send("EmailVerified", "lead-5")).isEqualTo(Outcome.PENDING);
    assertThat(messages.send("ConsentConfirmed", "lead-5")).isEqualTo(Outcome.DELIVERED);
    assertThat(pending()).as("only the one the case is not waiting for").isOne();
  }

  @Test
  void aFailureWhileTheCaseTakesOneMessageKeepsItAndStillDeliversTheOthers() {
    MessageCorrelationBuilder confirmed = mock(MessageCorrelationBuilder.class, RETURNS_SELF);
    when(runtime.createMessageCorrelation("ConsentConfirmed")).thenReturn(confirmed);
    when(instances.count()).thenReturn(1L);
    when(correlation.correlateAllWithResult()).thenThrow(new IllegalStateException("a delegate failed"));
    when(confirmed.correlateAllWithResult()).thenReturn(List.of(mock(MessageCorrelationResult.class)));

    assertThat(messages.send("EmailVerified", "case-6")).isEqualTo(Outcome.PENDING);
    assertThat(messages.send("ConsentConfirmed", "case-6")).isEqualTo(Outcome.DELIVERED);
    assertThat(database.jdbc.sql("SELECT last_outcome FROM case_message").query(String.class).single())
        .contains("a delegate failed");
  }
}
