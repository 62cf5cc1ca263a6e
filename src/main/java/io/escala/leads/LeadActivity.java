package io.escala.leads;

/**
 * What the public endpoints report about a lead (tracked link, unsubscribe, events). Implemented by the
 * lead-nurturing service, which records it and tells the running case.
 *
 * @see EngagementType
 */
public interface LeadActivity {

  /** Idempotent per {@code eventId}; an unknown lead is ignored (returns false). */
  boolean engaged(String leadKey, EngagementType type, String detail, String eventId);

  /** Idempotent: a replayed unsubscribe changes nothing and still answers true for a known lead. */
  boolean unsubscribed(String leadKey);
}
