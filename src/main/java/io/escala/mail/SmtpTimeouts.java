package io.escala.mail;

import java.time.Duration;
import java.util.Properties;

/**
 * The timeouts that bound one SMTP attempt ({@code spring.mail.properties.mail.smtp.connectiontimeout},
 * {@code .writetimeout}, {@code .timeout}), checked at start-up against {@link MailMessageStore#SENDING_LEASE} and the
 * Camunda job lock. Jakarta Mail waits forever by default, which would hold a job (and a row in SENDING) for good.
 */
record SmtpTimeouts(Duration connect, Duration write, Duration read) {

  /** @param protocol {@code smtp} or {@code smtps}, whose properties are named {@code mail.<protocol>.*} */
  static SmtpTimeouts of(Properties javaMailProperties, String protocol) {
    String prefix = "mail." + protocol + ".";
    return new SmtpTimeouts(
        millis(javaMailProperties, prefix + "connectiontimeout"),
        millis(javaMailProperties, prefix + "writetimeout"),
        millis(javaMailProperties, prefix + "timeout"));
  }

  /** The longest one attempt waits when a single answer is slow: connect, write the message, read the answer. */
  Duration oneAttempt() {
    return connect.plus(write).plus(read);
  }

  /**
   * @throws IllegalStateException when an attempt could outlive the lease (a live attempt would be taken over and the
   *     e-mail sent twice) or the lease the job lock (a dead node's job, picked up again, would find the row still
   *     leased)
   */
  void checkFits(Duration lease, Duration jobLock) {
    if (oneAttempt().compareTo(lease) >= 0) {
      throw new IllegalStateException("SMTP timeouts (connect " + connect.toSeconds() + " s + write "
          + write.toSeconds() + " s + read " + read.toSeconds() + " s) must add up to less than the " + lease.toSeconds()
          + " s sending lease");
    }
    if (lease.compareTo(jobLock) >= 0) {
      throw new IllegalStateException("camunda.bpm.job-execution.lock-time-in-millis (" + jobLock.toMillis()
          + ") must be longer than the " + lease.toSeconds() + " s e-mail sending lease");
    }
  }

  private static Duration millis(Properties properties, String name) {
    Object value = properties.get(name);
    long millis;
    try {
      millis = value == null ? 0 : Long.parseLong(value.toString().strip());
    } catch (NumberFormatException e) {
      millis = 0;
    }
    if (millis <= 0) {
      throw new IllegalStateException("spring.mail.properties." + name
          + " must be a positive number of milliseconds, or a silent SMTP server holds the sending job for good");
    }
    return Duration.ofMillis(millis);
  }
}
