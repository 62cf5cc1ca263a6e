package io.escala.mail;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Staff pages listing every stored e-mail: the only place mail can be read in outbox mode. Staff login required. */
@Controller
@RequestMapping("/staff/outbox")
class OutboxController {

  static final int PAGE_SIZE = 50;
  // Deep offsets cost a scan; nobody pages through 10,000 screens of mail.
  private static final int LAST_PAGE = 10_000;

  private final MailOutbox outbox;

  OutboxController(MailOutbox outbox) {
    this.outbox = outbox;
  }

  @GetMapping
  String list(@RequestParam(name = "page", defaultValue = "0") int page, Model model) {
    model.addAttribute("outbox", outbox.recent(Math.min(Math.max(page, 0), LAST_PAGE), PAGE_SIZE));
    return "staff/outbox";
  }

  @GetMapping("/{id}")
  String show(@PathVariable("id") long id, Model model) {
    model.addAttribute(
        "mail", outbox.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    return "staff/outbox-message";
  }
}
