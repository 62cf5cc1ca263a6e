package io.escala.mail;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The recipient directory of the {@code mailtest} process: tests put the contact of their case in it. */
class TestRecipients implements RecipientDirectory {

  static final String PROCESS_KEY = "mailtest";

  final Map<String, Contact> contacts = new ConcurrentHashMap<>();

  @Override
  public String processKey() {
    return PROCESS_KEY;
  }

  @Override
  public Optional<Contact> contactFor(String businessKey) {
    return Optional.ofNullable(contacts.get(businessKey));
  }
}
