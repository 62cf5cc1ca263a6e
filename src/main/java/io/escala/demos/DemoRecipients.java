package io.escala.demos;

import io.escala.mail.Recipient;
import io.escala.mail.RecipientDirectory;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The lead a demo case is about, from demo_booking (the business key is the booking key), for generic steps. */
@Component
class DemoRecipients implements RecipientDirectory {

  private final DemoBookings bookings;

  DemoRecipients(DemoBookings bookings) {
    this.bookings = bookings;
  }

  @Override
  public String processKey() {
    return DemoBookings.PROCESS_KEY;
  }

  @Override
  public Optional<Contact> contactFor(String businessKey) {
    return bookings.find(businessKey).map(booking -> new Contact(new Recipient(booking.email(), booking.name()),
        booking.language(), booking.company() == null ? Map.of("name", booking.name())
            : Map.of("name", booking.name(), "company", booking.company())));
  }
}
