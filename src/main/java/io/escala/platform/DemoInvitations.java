package io.escala.platform;

/**
 * A link that invites a known lead to book a demo, so the booking joins their case. Demo scheduling provides it;
 * lead nurturing puts it in its e-mails without importing that flow. Without a provider there is no such link.
 */
public interface DemoInvitations {

  /** An absolute, signed URL of the booking page for this lead (normalized e-mail). */
  String bookDemoUrl(String leadKey);
}
