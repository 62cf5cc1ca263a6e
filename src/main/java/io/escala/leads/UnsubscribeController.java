package io.escala.leads;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Unsubscribing from marketing e-mail. The signed token is the credential; the state (and idempotency of a replay)
 * belongs to {@link LeadActivity}.
 *
 * <ul>
 *   <li>{@code GET /unsubscribe?token=}: a confirm page. A GET never unsubscribes, because mail scanners and link
 *       previews open every link.
 *   <li>{@code POST /unsubscribe} (form with CSRF token): unsubscribes and confirms.
 *   <li>{@code POST /unsubscribe/one-click?token=} (RFC 8058, body {@code List-Unsubscribe=One-Click}): sent by mail
 *       providers without cookies or CSRF token, so that path is CSRF-exempt; answers 200 with no body.
 * </ul>
 */
@Controller
@RequestMapping("/unsubscribe")
class UnsubscribeController {

  private static final String ONE_CLICK_VALUE = "One-Click";

  private final UnsubscribeLinks links;
  private final LeadActivity activity;

  UnsubscribeController(UnsubscribeLinks links, LeadActivity activity) {
    this.links = links;
    this.activity = activity;
  }

  @GetMapping
  String confirmPage(@RequestParam(name = "token", required = false) String token, Model model,
      HttpServletResponse response) {
    if (links.leadKey(token).isEmpty()) {
      return notFound(response);
    }
    model.addAttribute("token", token);
    return "leads/unsubscribe";
  }

  @PostMapping
  String unsubscribe(@RequestParam(name = "token", required = false) String token, HttpServletResponse response) {
    Optional<String> leadKey = links.leadKey(token);
    if (leadKey.isEmpty()) {
      return notFound(response);
    }
    // The same page for a known or unknown lead, and for a replay: the page reveals nothing about the address.
    activity.unsubscribed(leadKey.get());
    return "leads/unsubscribed";
  }

  @PostMapping("/one-click")
  @ResponseBody
  ResponseEntity<Void> oneClick(@RequestParam(name = "token", required = false) String token,
      @RequestParam(name = "List-Unsubscribe", required = false) String listUnsubscribe) {
    Optional<String> leadKey = links.leadKey(token);
    if (leadKey.isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    // RFC 8058's body is what tells a provider's one-click POST apart from any other request to this address.
    if (!ONE_CLICK_VALUE.equals(listUnsubscribe)) {
      return ResponseEntity.status(HttpStatus.BAD_REQUEST).build();
    }
    activity.unsubscribed(leadKey.get());
    return ResponseEntity.ok().build();
  }

  private static String notFound(HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    return "leads/link-not-found";
  }
}
