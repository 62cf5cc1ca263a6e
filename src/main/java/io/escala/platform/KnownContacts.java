package io.escala.platform;

import java.util.Optional;

/**
 * What Escala already knows about a person, by normalized e-mail, for flows that did not collect it: the sales owner,
 * whether they agreed to be contacted by phone / WhatsApp, whether they unsubscribed. Lead nurturing provides it; a
 * flow asks through this interface and never imports another flow's package. Without a provider nothing is known.
 */
public interface KnownContacts {

  Optional<KnownContact> find(String email);

  /**
   * @param salesOwner the Escala user id of their sales owner; null when none was assigned
   * @param phoneConsent they agreed to be contacted by phone and WhatsApp
   * @param unsubscribed they asked for no more marketing e-mail
   */
  record KnownContact(String email, String name, String company, String salesOwner, boolean phoneConsent,
      boolean unsubscribed) {}
}
