package io.escala.leads;

import java.time.Instant;

/** One recorded engagement of a lead (a row of {@code lead_engagement_event}). */
public record EngagementEvent(
    long id, String leadKey, EngagementType type, String detail, String eventId, Instant occurredAt) {}
