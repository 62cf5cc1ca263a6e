package io.escala.demos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.escala.platform.KnownContacts;
import io.escala.platform.KnownContacts.KnownContact;
import io.escala.whatsapp.TemplateMessage;
import io.escala.whatsapp.WhatsAppMessages;
import io.escala.whatsapp.WhatsAppRefusedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Which reminders go out, and by which channel: e-mail always, WhatsApp only with the consent lead nurturing
 * recorded and a phone number; only reminders still ahead of the booking's current start, each once.
 */
class DemoRemindersTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Instant START = NOW.plus(Duration.ofDays(2));

  private final DemoMailer mailer = mock(DemoMailer.class);
  private final WhatsAppMessages whatsApp = mock(WhatsAppMessages.class);
  private final KnownContacts contacts = mock(KnownContacts.class);
  private final DemoCalendarEvents events = mock(DemoCalendarEvents.class);
  private DemoCaseService demos;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void service() {
    ObjectProvider<KnownContacts> provider = mock(ObjectProvider.class);
    when(provider.stream()).thenAnswer(call -> Stream.of(contacts));
    when(whatsApp.enabled()).thenReturn(true);
    when(events.when(any(), any(), any())).thenReturn("miércoles, 3 de diciembre de 2026, 06:00 (GMT-6, Ciudad de México)");
    DemoProperties properties = new DemoProperties("sales", Locale.forLanguageTag("es"), Duration.ofMinutes(15),
        Duration.ofDays(30), List.of(Duration.ofHours(1), Duration.ofHours(24)), "https://meet.jit.si/",
        Duration.ZERO, List.of(Duration.ofDays(1)), Duration.ofDays(1), Duration.ofDays(45),
        new DemoProperties.Defaults(ZoneId.of("America/Mexico_City"), 30, 10, 10, 240, 6, LocalTime.of(9, 0),
            LocalTime.of(17, 0)));
    demos = new DemoCaseService(null, null, mailer, events, null, null, null, null, null, provider, whatsApp, null,
        properties, Clock.fixed(NOW, ZoneOffset.UTC), "demo_reminder");
  }

  private static Booking booking(String phone, Booking.Status status) {
    return new Booking(1, "k7m2p9x4qa", "demo-sales", null, "lucia@academia.example", "Lucía Pérez",
        "Academia Ñandú", phone, Locale.forLanguageTag("es"), ZoneId.of("America/Mexico_City"), START,
        START.plus(Duration.ofMinutes(30)), status, 0, "https://meet.jit.si/Escala-Demo-x", null, null);
  }

  private void consent(boolean phone) {
    when(contacts.find("lucia@academia.example")).thenReturn(Optional.of(new KnownContact(
        "lucia@academia.example", "Lucía Pérez", "Academia Ñandú", null, phone, false)));
  }

  @Test
  void remindersComeLongestFirstAndOnlyShorterOnesFollowTheLastSent() {
    Booking booking = booking(null, Booking.Status.BOOKED);
    assertThat(demos.nextReminder(booking, null).orElseThrow().before()).isEqualTo(Duration.ofHours(24));
    String sent24 = DemoCaseService.sentMark(Duration.ofHours(24), START);
    assertThat(demos.nextReminder(booking, sent24).orElseThrow().before()).isEqualTo(Duration.ofHours(1));
    assertThat(demos.nextReminder(booking, DemoCaseService.sentMark(Duration.ofHours(1), START))).isEmpty();
    // sent for another start (the demo moved since): every reminder of the new start is still to come
    assertThat(demos.nextReminder(booking, DemoCaseService.sentMark(Duration.ofHours(1), START.minusSeconds(3600)))
        .orElseThrow().before()).isEqualTo(Duration.ofHours(24));
    assertThat(demos.nextReminder(booking(null, Booking.Status.CANCELLED), null)).isEmpty();
  }

  @Test
  void aReminderGoesByWhatsAppOnlyWithConsentAndAPhone() {
    consent(true);
    assertThat(demos.sendReminder(booking("+5215512345678", Booking.Status.BOOKED), Duration.ofHours(24), START,
        "case:SendReminder:reminder")).isTrue();
    verify(mailer).sendReminder(any(), eq(Duration.ofHours(24)), anyString());
    ArgumentCaptor<TemplateMessage> message = ArgumentCaptor.forClass(TemplateMessage.class);
    verify(whatsApp).sendTemplate(message.capture());
    assertThat(message.getValue().toPhoneE164()).isEqualTo("+5215512345678");
    assertThat(message.getValue().templateName()).isEqualTo("demo_reminder");
    assertThat(message.getValue().bodyParameters()).containsExactly("Lucía",
        "miércoles, 3 de diciembre de 2026, 06:00 (GMT-6, Ciudad de México)", "https://meet.jit.si/Escala-Demo-x");
    assertThat(message.getValue().idempotencyKey()).endsWith("#whatsapp");
  }

  @Test
  void withoutPhoneConsentOnlyTheEmailGoesOut() {
    consent(false);
    demos.sendReminder(booking("+5215512345678", Booking.Status.BOOKED), Duration.ofHours(1), START, "k");
    verify(mailer).sendReminder(any(), any(), anyString());
    verify(whatsApp, never()).sendTemplate(any());
  }

  @Test
  void aNumberWhatsAppRefusesLeavesTheEmailReminderStanding() {
    consent(true);
    when(whatsApp.sendTemplate(any())).thenThrow(new WhatsAppRefusedException(400, 131026,
        "(#131026) Message undeliverable"));
    assertThat(demos.sendReminder(booking("+5215512345678", Booking.Status.BOOKED), Duration.ofHours(1), START,
        "k")).isTrue();
    verify(mailer).sendReminder(any(), any(), anyString());
  }

  @Test
  void aReminderPlannedForAnOldStartIsNotSent() {
    consent(true);
    assertThat(demos.sendReminder(booking("+5215512345678", Booking.Status.BOOKED), Duration.ofHours(1),
        START.minus(Duration.ofDays(1)), "k")).isFalse();
    verify(mailer, never()).sendReminder(any(), any(), anyString());
    verify(whatsApp, never()).sendTemplate(any());
  }
}
