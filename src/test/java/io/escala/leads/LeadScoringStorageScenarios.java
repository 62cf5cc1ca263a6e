package io.escala.leads;

import io.escala.support.MigratedTestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** EngagementEvents and LeadScoreHistory against a real database; run on H2 and PostgreSQL. */
abstract class LeadScoringStorageScenarios {

  private static final Instant T0 = Instant.parse("2025-05-01T12:00:00Z");

  private final MigratedTestDatabase database = database();
  private final EngagementEvents events = new EngagementEvents(database.jdbc, database.transactionManager);
  private final LeadScoreHistory history = new LeadScoreHistory(database.jdbc);
  // unique per test: the PostgreSQL database is shared by the whole test JVM
  private final String lead = "ana+" + UUID.randomUUID() + "@example.com";
  private final String otherLead = "bruno+" + UUID.randomUUID() + "@example.com";

  abstract MigratedTestDatabase database();

  @AfterEach
  void cleanUp() {
    events.deleteAll(lead);
    events.deleteAll(otherLead);
    history.deleteAll(lead);
    history.deleteAll(otherLead);
    database.close();
  }

  @Test
  void anEventIdIsRecordedOnce() {
    String eventId = id("click");

    assertThat(events.record(lead, EngagementType.LINK_CLICK, "https://escala.io/pricing", eventId, T0)).isTrue();
    assertThat(events.record(lead, EngagementType.LINK_CLICK, "https://escala.io/pricing", eventId, T0.plusSeconds(3)))
        .isFalse();

    assertThat(events.since(lead, T0.minusSeconds(1)))
        .extracting(EngagementEvent::type, EngagementEvent::detail, EngagementEvent::eventId,
            EngagementEvent::occurredAt)
        .containsExactly(tuple(EngagementType.LINK_CLICK, "https://escala.io/pricing", eventId, T0));
  }

  @Test
  void theLeadKeyIsNormalizedLikeEverywhereElse() {
    events.record("  " + lead.toUpperCase() + " ", EngagementType.REPLY, null, id("reply"), T0);

    assertThat(events.since(lead, T0)).extracting(EngagementEvent::leadKey).containsExactly(lead);
  }

  @Test
  void sinceGivesTheLeadsOwnEventsFromTheMomentOnOldestFirst() {
    events.record(lead, EngagementType.PAGE_VISIT, "/old", id("a"), T0.minusSeconds(3600));
    events.record(lead, EngagementType.WEBINAR_ATTENDED, "ai-101", id("b"), T0.plusSeconds(60));
    events.record(lead, EngagementType.PAGE_VISIT, "/pricing", id("c"), T0);
    events.record(otherLead, EngagementType.REPLY, null, id("d"), T0);

    assertThat(events.since(lead, T0)).extracting(EngagementEvent::detail).containsExactly("/pricing", "ai-101");
  }

  @Test
  void aDuplicateFoundOnlyByTheConstraintLeavesTheCallersTransactionUsable() {
    EngagementEvents racing = new EngagementEvents(database.jdbc, database.transactionManager) {
      @Override
      boolean alreadyRecorded(String eventId) {
        return false; // as if another job inserted the same event between check and insert
      }
    };
    String eventId = id("webhook");
    events.record(lead, EngagementType.REPLY, null, eventId, T0);

    database.transaction().executeWithoutResult(status -> {
      assertThat(racing.record(lead, EngagementType.REPLY, null, eventId, T0)).isFalse();
      // on PostgreSQL this fails unless the failed insert was rolled back to a savepoint
      assertThat(racing.record(lead, EngagementType.LINK_CLICK, null, id("after"), T0)).isTrue();
    });

    assertThat(events.since(lead, T0)).extracting(EngagementEvent::type)
        .containsExactly(EngagementType.REPLY, EngagementType.LINK_CLICK);
  }

  @Test
  void anEventNeedsAnId() {
    assertThatThrownBy(() -> events.record(lead, EngagementType.REPLY, null, " ", T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> events.record(lead, EngagementType.REPLY, null, "x".repeat(201), T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anOverlongDetailIsShortenedNotRefused() {
    events.record(lead, EngagementType.PAGE_VISIT, "/" + "a".repeat(2000), id("long"), T0);

    assertThat(events.since(lead, T0).get(0).detail()).hasSize(EngagementEvents.MAX_DETAIL_LENGTH);
  }

  @Test
  void theHistoryKeepsEveryScoreNewestFirstWithItsReasons() {
    LeadScore first = new LeadScore(41, 0, 41, "warm", List.of(new ScoreReason(41, "fit")), T0);
    LeadScore second = new LeadScore(41, 20, 61, "hot", List.of(
        new ScoreReason(15, "budget-5k-plus"), new ScoreReason(26, "the-rest-of-the-fit"),
        new ScoreReason(25, "replies", 1), new ScoreReason(-5, "inactive-days", 3)), T0.plusSeconds(86_400));
    history.record(lead, first);
    history.record(lead, second);
    history.record(otherLead, first);

    List<LeadScore> scores = history.of(lead);

    assertThat(scores).containsExactly(second, first);
    assertThat(scores.get(0).reasonsText())
        .isEqualTo("+15 budget-5k-plus\n+26 the-rest-of-the-fit\n+25 replies 1\n\u22125 inactive-days 3");
  }

  @Test
  void aScoreWithoutReasonsReadsBackEmpty() {
    LeadScore nothing = new LeadScore(0, 0, 0, "cold", List.of(), T0);
    history.record(lead, nothing);

    assertThat(history.of(lead)).containsExactly(nothing);
  }

  @Test
  void erasureRemovesOnlyThatLeadsRows() {
    events.record(lead, EngagementType.REPLY, null, id("x"), T0);
    events.record(otherLead, EngagementType.REPLY, null, id("y"), T0);
    history.record(lead, new LeadScore(0, 10, 10, "cold", List.of(new ScoreReason(10, "replies", 1)), T0));
    history.record(otherLead, new LeadScore(0, 10, 10, "cold", List.of(new ScoreReason(10, "replies", 1)), T0));

    events.deleteAll(lead);
    history.deleteAll(lead);

    assertThat(database.count("lead_engagement_event", lead)).isZero();
    assertThat(database.count("lead_score_snapshot", lead)).isZero();
    assertThat(database.count("lead_engagement_event", otherLead)).isEqualTo(1);
    assertThat(database.count("lead_score_snapshot", otherLead)).isEqualTo(1);
  }

  private String id(String name) {
    return name + "-" + UUID.randomUUID();
  }
}
