package io.escala.mail;

import java.util.List;

/** One page of stored e-mails, newest first; {@code page} is 0-based. */
public record OutboxPage(List<StoredEmail> messages, int page, boolean hasNext) {

  public boolean hasPrevious() {
    return page > 0;
  }
}
