package io.escala.demos;

import io.escala.demos.DemoBookings.Actor;
import io.escala.demos.DemoBookings.Booked;
import io.escala.demos.DemoBookings.Outcome;
import io.escala.demos.DemoBookings.Refusal;
import io.escala.demos.DemoBookings.Refused;
import io.escala.platform.SignedLinks;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What a lead does with the signed links of their demo: see the confirmation, reschedule, cancel, and stop the
 * rebooking e-mails after a missed demo. A tampered link is a 404 and an expired one a 410, each a page in the
 * visitor's language; neither changes anything.
 */
@Controller
class ManageDemoController {

  private final DemoBookings bookings;
  private final DemoLinks links;
  private final DemoReps reps;
  private final DemoTimes times;
  private final Clock clock;

  ManageDemoController(DemoBookings bookings, DemoLinks links, DemoReps reps, DemoTimes times, Clock clock) {
    this.bookings = bookings;
    this.links = links;
    this.reps = reps;
    this.times = times;
    this.clock = clock;
  }

  /** The booking page's answer (POST, redirect, GET): only who booked has the token. */
  @GetMapping("/book-demo/confirmed/{token}")
  String confirmed(@PathVariable String token, Locale locale, Model model, HttpServletResponse response) {
    Optional<Booking> booking = verified(token, model, response);
    if (booking.isEmpty()) {
      return "demos/link-problem";
    }
    describe(booking.get(), booking.get().timeZone(), locale, model);
    model.addAttribute("manageUrl", "/demo/" + token);
    return "demos/confirmed";
  }

  @GetMapping("/demo/{token}")
  String manage(@PathVariable String token, @RequestParam(name = "tz", required = false) String tz,
      @RequestParam(name = "week", required = false, defaultValue = "0") int week,
      @RequestParam(name = "rescheduled", required = false) String rescheduled,
      Locale locale, Model model, HttpServletResponse response) {
    Optional<Booking> booking = verified(token, model, response);
    if (booking.isEmpty()) {
      return "demos/link-problem";
    }
    model.addAttribute("rescheduled", rescheduled != null);
    return managePage(token, booking.get(), tz, week, locale, model);
  }

  @PostMapping("/demo/{token}/reschedule")
  String reschedule(@PathVariable String token, @RequestParam(name = "slot", required = false) String slot,
      @RequestParam(name = "zone", required = false) String zoneAsked, Locale locale, Model model,
      HttpServletResponse response) {
    Optional<Booking> booking = verified(token, model, response);
    if (booking.isEmpty()) {
      return "demos/link-problem";
    }
    ZoneId zone = times.zone(zoneAsked == null ? booking.get().timeZone().getId() : zoneAsked, locale);
    Instant start = DemoTimes.slot(slot);
    if (start == null) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("refusal", "demos.form.slot.required");
      return managePage(token, booking.get(), zone.getId(), 0, locale, model);
    }
    Outcome outcome = bookings.reschedule(booking.get().key(), start, Actor.LEAD);
    if (outcome instanceof Booked booked) {
      // The link runs until the demo starts: the new time needs a new one.
      return "redirect:/demo/" + links.manageToken(booked.booking()) + "?rescheduled=1&tz=" + zone.getId();
    }
    Refusal reason = ((Refused) outcome).reason();
    if (reason == Refusal.NOT_CHANGEABLE) {
      response.setStatus(HttpServletResponse.SC_GONE);
      model.addAttribute("problem", "expired");
      return "demos/link-problem";
    }
    response.setStatus(reason == Refusal.TAKEN ? HttpServletResponse.SC_CONFLICT
        : reason == Refusal.NO_REPS ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : HttpServletResponse.SC_BAD_REQUEST);
    if (reason == Refusal.TAKEN) {
      model.addAttribute("taken", true);
    } else {
      model.addAttribute("refusal", reason.messageKey());
    }
    Booking unchanged = bookings.find(booking.get().key()).orElse(booking.get());
    return managePage(token, unchanged, zone.getId(), 0, locale, model);
  }

  @GetMapping("/demo/{token}/cancel")
  String cancelQuestion(@PathVariable String token, Locale locale, Model model, HttpServletResponse response) {
    Optional<Booking> booking = verified(token, model, response);
    if (booking.isEmpty()) {
      return "demos/link-problem";
    }
    if (booking.get().status() != Booking.Status.BOOKED) {
      return managePage(token, booking.get(), null, 0, locale, model);
    }
    describe(booking.get(), booking.get().timeZone(), locale, model);
    model.addAttribute("token", token);
    return "demos/cancel-confirm";
  }

  @PostMapping("/demo/{token}/cancel")
  String cancel(@PathVariable String token, Locale locale, Model model, HttpServletResponse response) {
    Optional<Booking> booking = verified(token, model, response);
    if (booking.isEmpty()) {
      return "demos/link-problem";
    }
    bookings.cancel(booking.get().key(), Actor.LEAD);
    Booking now = bookings.find(booking.get().key()).orElseThrow();
    if (now.status() != Booking.Status.CANCELLED) {
      response.setStatus(HttpServletResponse.SC_GONE);
      model.addAttribute("problem", "expired");
      return "demos/link-problem";
    }
    describe(now, now.timeZone(), locale, model);
    return "demos/cancelled";
  }

  /** After a missed demo: asks for a click, so that a mail scanner following links stops nothing. */
  @GetMapping("/demo/stop/{token}")
  String stopQuestion(@PathVariable String token, Model model, HttpServletResponse response) {
    SignedLinks.Verification link = links.verifyStopRebooking(token);
    if (!valid(link, model, response)) {
      return "demos/link-problem";
    }
    model.addAttribute("token", token);
    return "demos/stop-confirm";
  }

  @PostMapping("/demo/stop/{token}")
  String stop(@PathVariable String token, Model model, HttpServletResponse response) {
    SignedLinks.Verification link = links.verifyStopRebooking(token);
    if (!valid(link, model, response)) {
      return "demos/link-problem";
    }
    // Idempotent: a second click says the same.
    bookings.stopRebooking(link.subject());
    return "demos/stopped";
  }

  private String managePage(String token, Booking booking, String tz, int weekIndex, Locale locale, Model model) {
    ZoneId zone = times.zone(tz == null ? booking.timeZone().getId() : tz, locale);
    describe(booking, zone, locale, model);
    model.addAttribute("token", token);
    if (booking.status() == Booking.Status.BOOKED) {
      Instant now = clock.instant();
      DemoTimes.Week week = times.week(weekIndex, zone, now);
      times.showSlots(model, bookings.slotsFor(booking, week.from(), week.to()), zone, week, now, locale,
          "/demo/" + token, Map.of());
    }
    return "demos/manage";
  }

  private void describe(Booking booking, ZoneId zone, Locale locale, Model model) {
    model.addAttribute("booking", booking);
    model.addAttribute("when", times.dateTime(booking.start(), zone, locale));
    model.addAttribute("repName", reps.displayName(booking.repId()));
  }

  /** The booking of a valid manage token; otherwise the page says why, with 404 (not valid) or 410 (expired). */
  private Optional<Booking> verified(String token, Model model, HttpServletResponse response) {
    SignedLinks.Verification link = links.verifyManage(token);
    if (!valid(link, model, response)) {
      return Optional.empty();
    }
    Optional<Booking> booking = bookings.find(link.subject());
    if (booking.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("problem", "invalid");
    }
    return booking;
  }

  /** True when the link is valid; else sets the status and the page's reason. */
  private static boolean valid(SignedLinks.Verification link, Model model, HttpServletResponse response) {
    if (link.status() == SignedLinks.Status.VALID) {
      return true;
    }
    boolean expired = link.status() == SignedLinks.Status.EXPIRED;
    response.setStatus(expired ? HttpServletResponse.SC_GONE : HttpServletResponse.SC_NOT_FOUND);
    model.addAttribute("problem", expired ? "expired" : "invalid");
    return false;
  }

}
