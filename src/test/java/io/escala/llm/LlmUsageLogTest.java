package io.escala.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

class LlmUsageLogTest {

  private final LlmTestDatabase database = new LlmTestDatabase();
  private final LlmUsageLog usageLog = database.usageLog;

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  @Test
  void usageSurvivesTheRollbackOfTheJobThatSpentIt() {
    TransactionTemplate job = new TransactionTemplate(database.transactionManager);

    job.executeWithoutResult(status -> {
      usageLog.record(new LlmCall("onboarding.welcome", "pi-1", "gpt-4o-mini", "llm", 1, 120, 30, LlmCallOutcome.OK));
      status.setRollbackOnly();
    });

    assertThat(usageLog.callsOf("pi-1")).containsExactly(
        new LlmCall("onboarding.welcome", "pi-1", "gpt-4o-mini", "llm", 1, 120, 30, LlmCallOutcome.OK));
  }

  @Test
  void totalsAddUpCallsAndTokensPerTask() {
    usageLog.record(new LlmCall("onboarding.welcome", "pi-1", "gpt-4o-mini", "llm", 1, 100, 20, LlmCallOutcome.OK));
    usageLog.record(new LlmCall("onboarding.welcome", "pi-2", "gpt-4o-mini", "fallback", 2, 200, 40,
        LlmCallOutcome.INVALID_ANSWER));
    usageLog.record(new LlmCall("leads.summary", "pi-3", "offline", "fallback", 0, 0, 0, LlmCallOutcome.OFFLINE));

    assertThat(usageLog.totalsFor("onboarding.welcome")).isEqualTo(new LlmUsage("onboarding.welcome", 2, 300, 60));
    assertThat(usageLog.totalsFor("onboarding.welcome").totalTokens()).isEqualTo(360);
    assertThat(usageLog.totalsFor("unknown.task")).isEqualTo(new LlmUsage("unknown.task", 0, 0, 0));
    assertThat(usageLog.totalsPerTask()).containsExactly(
        new LlmUsage("leads.summary", 1, 0, 0),
        new LlmUsage("onboarding.welcome", 2, 300, 60));
  }

  @Test
  void aBrokenDatabaseDoesNotFailTheCall() {
    database.close();

    usageLog.record(new LlmCall("onboarding.welcome", "pi-1", "gpt-4o-mini", "llm", 1, 1, 1, LlmCallOutcome.OK));
  }
}
