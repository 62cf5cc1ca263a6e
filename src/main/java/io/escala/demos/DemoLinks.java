package io.escala.demos;

import io.escala.platform.DemoInvitations;
import io.escala.platform.PublicUrl;
import io.escala.platform.SignedLinks;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The signed links of demo scheduling. Tokens are made when a mail or page is rendered and never kept in the case.
 *
 * <ul>
 *   <li>{@code /book-demo?lead=…}: a lead's booking joins their nurturing case (valid 30 days);
 *   <li>{@code /demo/{token}}: reschedule or cancel, valid until the demo starts;
 *   <li>{@code /book-demo?rebook=…} and {@code /demo/stop/{token}} after a no-show (valid 30 days).
 * </ul>
 */
@Component
public class DemoLinks implements DemoInvitations {

  static final String LEAD = "demo-lead";
  static final String MANAGE = "demo-manage";
  static final String REBOOK = "demo-rebook";
  static final String STOP_REBOOKING = "demo-stop-rebooking";
  private static final Duration LEAD_LINK_VALIDITY = Duration.ofDays(30);

  private final SignedLinks links;
  private final PublicUrl publicUrl;
  private final Clock clock;

  public DemoLinks(SignedLinks links, PublicUrl publicUrl, Clock clock) {
    this.links = links;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  /** The booking page for a known lead: what they book joins their nurturing case. */
  @Override
  public String bookDemoUrl(String leadKey) {
    return publicUrl.to("/book-demo", "lead", links.sign(LEAD, leadKey, LEAD_LINK_VALIDITY));
  }

  /** The page to reschedule or cancel; it stops working when the demo starts. */
  public String manage(Booking booking) {
    return publicUrl.to("/demo/" + manageToken(booking));
  }

  /** The token of {@link #manage}; the booking page also carries it to its confirmation (POST, redirect, GET). */
  public String manageToken(Booking booking) {
    Duration validFor = Duration.between(clock.instant(), booking.start());
    return links.sign(MANAGE, booking.key(), validFor.isNegative() ? Duration.ZERO : validFor);
  }

  public String rebook(Booking noShow) {
    return publicUrl.to("/book-demo", "rebook", links.sign(REBOOK, noShow.key(), LEAD_LINK_VALIDITY));
  }

  public String stopRebooking(Booking noShow) {
    return publicUrl.to("/demo/stop/" + links.sign(STOP_REBOOKING, noShow.key(), LEAD_LINK_VALIDITY));
  }

  /** The rep's private feed; whoever has the URL sees their demos, so it is shown to the rep only. */
  public String feed(String feedToken) {
    return publicUrl.to("/calendar/demos/" + feedToken + ".ics");
  }

  public SignedLinks.Verification verifyLead(String token) {
    return links.verify(LEAD, token);
  }

  public SignedLinks.Verification verifyManage(String token) {
    return links.verify(MANAGE, token);
  }

  public SignedLinks.Verification verifyRebook(String token) {
    return links.verify(REBOOK, token);
  }

  public SignedLinks.Verification verifyStopRebooking(String token) {
    return links.verify(STOP_REBOOKING, token);
  }
}
