package io.escala.demos;

import io.escala.demos.DemoBookings.Actor;
import io.escala.demos.DemoBookings.Booked;
import io.escala.demos.DemoBookings.Outcome;
import io.escala.demos.DemoBookings.Refusal;
import io.escala.platform.Contributions;
import io.escala.platform.Countries;
import io.escala.platform.staff.StaffShell;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reps' page: their upcoming demos (reschedule, cancel, stop the rebooking e-mails), their settings and their
 * secret feed URL. A sales manager sees every rep's demos and settings; a rep only their own. Bookings are named by
 * their row id here, never by the case's business key.
 */
@Controller
class DemoStaffController {

  private static final Duration SHOWN_SINCE = Duration.ofDays(7);
  private static final int MOST_ROWS = 200;

  private final DemoBookings bookings;
  private final DemoReps reps;
  private final DemoLinks links;
  private final DemoTimes times;
  private final StaffShell shell;
  private final JdbcClient jdbc;
  private final Clock clock;

  DemoStaffController(DemoBookings bookings, DemoReps reps, DemoLinks links, DemoTimes times, StaffShell shell,
      JdbcClient jdbc, Clock clock) {
    this.bookings = bookings;
    this.reps = reps;
    this.links = links;
    this.times = times;
    this.shell = shell;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A demo as a row of the list: its time in the rep's zone. */
  record DemoRow(long id, String repId, String repName, String when, String name, String email, String company,
      String status, String meetingUrl, boolean changeable, boolean rebookingStoppable) {}

  record RepLink(String userId, String name, boolean accepting) {}

  @InitBinder("settings")
  void allowOnlySettingsFields(WebDataBinder binder) {
    binder.setAllowedFields("timeZone", "demoMinutes", "bufferBeforeMinutes", "bufferAfterMinutes",
        "minNoticeMinutes", "maxPerDay", "meetingLink", "calendarId", "accepting", "hours[*]");
  }

  @GetMapping("/staff/demos")
  String list(Principal user, Locale locale, Model model) {
    Instant since = clock.instant().minus(SHOWN_SINCE);
    boolean manager = isManager();
    List<Booking> shown = manager ? bookings.all(since, MOST_ROWS) : bookings.of(user.getName(), since, MOST_ROWS);
    model.addAttribute("manager", manager);
    model.addAttribute("demos", rows(shown, locale));
    model.addAttribute("isRep", reps.isRep(user.getName()));
    model.addAttribute("me", user.getName());
    if (manager) {
      model.addAttribute("reps", reps.all().stream()
          .map(rep -> new RepLink(rep.userId(), reps.displayName(rep.userId()), rep.accepting())).toList());
    }
    return "staff/demos";
  }

  @GetMapping("/staff/demos/reps/{repId}")
  String settings(@PathVariable String repId, Principal user, Model model) {
    RepSettings rep = repYouMayOpen(repId, user);
    model.addAttribute("settings", RepSettingsForm.of(rep));
    return settingsPage(rep.userId(), model);
  }

  @PostMapping("/staff/demos/reps/{repId}")
  String saveSettings(@PathVariable String repId, @ModelAttribute("settings") RepSettingsForm form, Principal user,
      Model model, HttpServletResponse response, RedirectAttributes redirect) {
    RepSettings rep = repYouMayOpen(repId, user);
    RepSettingsForm.Checked checked = form.check(rep.userId());
    if (!checked.problems().isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("problems", checked.problems());
      return settingsPage(rep.userId(), model);
    }
    reps.save(checked.settings());
    redirect.addFlashAttribute("saved", true);
    return "redirect:/staff/demos/reps/" + rep.userId();
  }

  @PostMapping("/staff/demos/reps/{repId}/feed")
  String renewFeed(@PathVariable String repId, Principal user, RedirectAttributes redirect) {
    RepSettings rep = repYouMayOpen(repId, user);
    reps.renewFeedToken(rep.userId());
    redirect.addFlashAttribute("feedRenewed", true);
    return "redirect:/staff/demos/reps/" + rep.userId();
  }

  @GetMapping("/staff/demos/bookings/{id}")
  String booking(@PathVariable long id, @RequestParam(name = "week", required = false, defaultValue = "0") int week,
      Principal user, Locale locale, Model model) {
    return bookingPage(bookingYouMayOpen(id, user), week, locale, model);
  }

  @PostMapping("/staff/demos/bookings/{id}/reschedule")
  String reschedule(@PathVariable long id, @RequestParam(name = "slot", required = false) String slot,
      Principal user, Locale locale, Model model, HttpServletResponse response, RedirectAttributes redirect) {
    Booking booking = bookingYouMayOpen(id, user);
    Instant start = DemoTimes.slot(slot);
    Outcome outcome = start == null ? null : bookings.reschedule(booking.key(), start, Actor.REP);
    if (outcome instanceof Booked) {
      redirect.addFlashAttribute("rescheduled", true);
      return "redirect:/staff/demos/bookings/" + id;
    }
    Refusal reason = outcome == null ? null : ((DemoBookings.Refused) outcome).reason();
    response.setStatus(reason == Refusal.TAKEN ? HttpServletResponse.SC_CONFLICT
        : reason == Refusal.NOT_CHANGEABLE ? HttpServletResponse.SC_GONE : HttpServletResponse.SC_BAD_REQUEST);
    model.addAttribute("refusal", reason == null ? "demos.form.slot.required" : reason.messageKey());
    return bookingPage(bookings.find(booking.key()).orElse(booking), 0, locale, model);
  }

  @PostMapping("/staff/demos/bookings/{id}/cancel")
  String cancel(@PathVariable long id, Principal user, RedirectAttributes redirect) {
    Booking booking = bookingYouMayOpen(id, user);
    redirect.addFlashAttribute(bookings.cancel(booking.key(), Actor.REP) ? "cancelled" : "notChangeable",
        booking.name());
    return "redirect:/staff/demos";
  }

  @PostMapping("/staff/demos/bookings/{id}/stop-rebooking")
  String stopRebooking(@PathVariable long id, Principal user, RedirectAttributes redirect) {
    Booking booking = bookingYouMayOpen(id, user);
    bookings.stopRebooking(booking.key());
    redirect.addFlashAttribute("rebookingStopped", booking.name());
    return "redirect:/staff/demos";
  }

  private String settingsPage(String repId, Model model) {
    model.addAttribute("repId", repId);
    model.addAttribute("repName", reps.displayName(repId));
    model.addAttribute("feedUrl", links.feed(reps.feedToken(repId)));
    model.addAttribute("zones", Countries.SELECTABLE_ZONES);
    model.addAttribute("weekdays", RepSettingsForm.weekdays());
    return "staff/demo-settings";
  }

  private String bookingPage(Booking booking, int weekIndex, Locale locale, Model model) {
    ZoneId zone = reps.find(booking.repId()).map(RepSettings::timeZone).orElse(booking.timeZone());
    model.addAttribute("demo", rows(List.of(booking), locale).get(0));
    model.addAttribute("booking", booking);
    if (booking.changeable(clock.instant())) {
      Instant now = clock.instant();
      DemoTimes.Week week = times.week(weekIndex, zone, now);
      times.showSlots(model, bookings.slotsFor(booking, week.from(), week.to()), zone, week, now, locale,
          "/staff/demos/bookings/" + booking.id(), Map.of());
    }
    return "staff/demo-booking";
  }

  private List<DemoRow> rows(List<Booking> shown, Locale locale) {
    Instant now = clock.instant();
    return shown.stream().map(booking -> {
      ZoneId zone = reps.find(booking.repId()).map(RepSettings::timeZone).orElse(booking.timeZone());
      return new DemoRow(booking.id(), booking.repId(), reps.displayName(booking.repId()),
          times.dateTime(booking.start(), zone, locale), booking.name(), booking.email(), booking.company(),
          booking.status().name(), booking.meetingUrl(), booking.changeable(now),
          booking.status() == Booking.Status.NO_SHOW && booking.rebookingStoppedAt() == null);
    }).toList();
  }

  /** A manager opens any rep; a rep only themselves (403 otherwise); 404 for someone who gives no demos. */
  private RepSettings repYouMayOpen(String repId, Principal user) {
    if (!isManager() && !repId.equals(user.getName())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN);
    }
    return reps.find(repId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  private Booking bookingYouMayOpen(long id, Principal user) {
    Optional<Booking> booking = jdbc.sql("SELECT booking_key FROM demo_booking WHERE id = ?").param(id)
        .query(String.class).optional().flatMap(bookings::find);
    if (booking.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    if (!isManager() && !booking.get().repId().equals(user.getName())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN);
    }
    return booking.get();
  }

  private boolean isManager() {
    Set<String> groups = shell.groups();
    return groups.contains(DemosFeature.SALES_MANAGERS) || groups.contains(Contributions.ADMIN_GROUP);
  }

}
