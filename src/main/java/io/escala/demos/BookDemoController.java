package io.escala.demos;

import io.escala.demos.DemoBookings.Booked;
import io.escala.demos.DemoBookings.NewBooking;
import io.escala.demos.DemoBookings.Outcome;
import io.escala.demos.DemoBookings.Refusal;
import io.escala.demos.DemoBookings.Refused;
import io.escala.platform.KnownContacts;
import io.escala.platform.LocaleConfiguration;
import io.escala.platform.SignedLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public booking page: the free slots of a week in the visitor's zone and the form that books one. A booking
 * redirects to its confirmation under the manage link's signed token, so nobody else can open it.
 */
@Controller
@RequestMapping("/book-demo")
class BookDemoController {

  private static final Logger log = LoggerFactory.getLogger(BookDemoController.class);

  private final DemoBookings bookings;
  private final DemoLinks links;
  private final DemoTimes times;
  private final ObjectProvider<KnownContacts> knownContacts;
  private final Clock clock;

  BookDemoController(DemoBookings bookings, DemoLinks links, DemoTimes times,
      ObjectProvider<KnownContacts> knownContacts, Clock clock) {
    this.bookings = bookings;
    this.links = links;
    this.times = times;
    this.knownContacts = knownContacts;
    this.clock = clock;
  }

  @InitBinder("bookingForm")
  void allowOnlyFormFields(WebDataBinder binder) {
    binder.setAllowedFields("slot", "name", "email", "company", "phone", "requestId", "language", "zone", "lead",
        "rebook", "website");
  }

  @GetMapping
  String page(@RequestParam(name = "lead", required = false) String lead,
      @RequestParam(name = "rebook", required = false) String rebook,
      @RequestParam(name = "tz", required = false) String tz,
      @RequestParam(name = "week", required = false, defaultValue = "0") int week,
      Locale locale, HttpServletRequest request, Model model) {
    BookingForm form = new BookingForm();
    form.setLanguage(LocaleConfiguration.supported(locale).toLanguageTag());
    String zoneAsked = tz;
    SignedLinks.Verification leadLink = lead == null ? null : links.verifyLead(lead);
    if (leadLink != null) {
      if (leadLink.status() == SignedLinks.Status.VALID) {
        form.setLead(lead);
        form.setEmail(leadLink.subject());
        knownContacts.stream().map(contacts -> contacts.find(leadLink.subject())).flatMap(Optional::stream)
            .findFirst().ifPresent(known -> {
              form.setName(known.name());
              form.setCompany(known.company());
            });
      } else {
        model.addAttribute("linkNotice", leadLink.status() == SignedLinks.Status.EXPIRED
            ? "demos.book.link.expired" : "demos.book.link.invalid");
      }
    }
    SignedLinks.Verification rebookLink = rebook == null ? null : links.verifyRebook(rebook);
    if (rebookLink != null) {
      Optional<Booking> missed = rebookLink.validSubject().flatMap(bookings::find);
      if (missed.isPresent()) {
        Booking earlier = missed.get();
        form.setRebook(rebook);
        form.setName(earlier.name());
        form.setEmail(earlier.email());
        form.setCompany(earlier.company());
        form.setPhone(earlier.phone());
        if (zoneAsked == null) {
          zoneAsked = earlier.timeZone().getId();
        }
      } else {
        model.addAttribute("linkNotice", rebookLink.status() == SignedLinks.Status.EXPIRED
            ? "demos.book.link.expired" : "demos.book.link.invalid");
      }
    }
    // The browser's own language tag keeps its country (es-AR), which the page's language drops; without the
    // header the container would answer with the server's locale.
    ZoneId zone = times.zone(zoneAsked, request.getHeader("Accept-Language") == null ? null : request.getLocale());
    form.setZone(zone.getId());
    form.setRequestId(UUID.randomUUID().toString());
    model.addAttribute("bookingForm", form);
    // The browser's zone replaces a guessed one (js/demo-zone.js); one the visitor or a link chose stays.
    model.addAttribute("zoneGuessed", zoneAsked == null);
    showSlots(model, form, zone, week, locale);
    return "demos/book";
  }

  @PostMapping
  String book(@Valid @ModelAttribute("bookingForm") BookingForm form, BindingResult errors, Locale locale,
      Model model, HttpServletResponse response) {
    if (form.isHoneypotFilled()) {
      log.info("Demo booking refused: honeypot field filled");
      errors.reject("demos.form.rejected");
    }
    if (form.getSlot() != null && !form.getSlot().isBlank() && form.start() == null) {
      errors.rejectValue("slot", "demos.form.slot.required");
    }
    ZoneId zone = times.zone(form.getZone(), locale);
    model.addAttribute("zoneGuessed", false);
    if (errors.hasErrors()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      showSlots(model, form, zone, 0, locale);
      return "demos/book";
    }
    String leadKey = form.getLead() == null ? null : links.verifyLead(form.getLead()).validSubject().orElse(null);
    String rebooksKey = form.getRebook() == null ? null
        : links.verifyRebook(form.getRebook()).validSubject().flatMap(bookings::find).map(Booking::key).orElse(null);
    Locale language = form.getLanguage() == null ? LocaleConfiguration.supported(locale)
        : LocaleConfiguration.supported(form.getLanguage());
    Outcome outcome = bookings.book(new NewBooking(form.getRequestId(), form.start(), form.getEmail(),
        form.getName(), form.getCompany(), blankToNull(form.getPhone()), language, zone, leadKey, rebooksKey));
    if (outcome instanceof Booked booked) {
      return "redirect:/book-demo/confirmed/" + links.manageToken(booked.booking());
    }
    Refusal reason = ((Refused) outcome).reason();
    if (reason == Refusal.NO_REPS) {
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      return "demos/unavailable";
    }
    if (reason == Refusal.TAKEN) {
      // Someone else was faster: the same form with the fresh slots, not an error page.
      response.setStatus(HttpServletResponse.SC_CONFLICT);
      model.addAttribute("taken", true);
    } else {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      errors.reject(reason.messageKey());
    }
    form.setSlot(null);
    int week = form.start() == null ? 0 : weekOf(form.start(), zone);
    showSlots(model, form, zone, week, locale);
    return "demos/book";
  }

  private void showSlots(Model model, BookingForm form, ZoneId zone, int weekIndex, Locale locale) {
    Instant now = clock.instant();
    DemoTimes.Week week = times.week(weekIndex, zone, now);
    Map<String, String> keep = new LinkedHashMap<>();
    keep.put("lead", form.getLead());
    keep.put("rebook", form.getRebook());
    times.showSlots(model, bookings.slots(week.from(), week.to()), zone, week, now, locale, "/book-demo", keep);
  }

  /** The week of the page that showed this start, so a refused choice comes back with its neighbours. */
  private int weekOf(Instant start, ZoneId zone) {
    Instant now = clock.instant();
    long days = java.time.temporal.ChronoUnit.DAYS.between(now.atZone(zone).toLocalDate(),
        start.atZone(zone).toLocalDate());
    return days < 0 ? 0 : (int) (days / 7);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
