package io.escala.leads;

import io.escala.leads.TrackedLinks.TrackedLink;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** {@code /t/{token}}: records the click, then sends the reader to the content. Public, no login. */
@Controller
class TrackedLinkController {

  private static final Logger log = LoggerFactory.getLogger(TrackedLinkController.class);

  private final TrackedLinks links;
  private final LeadActivity activity;
  private final Clock clock;

  TrackedLinkController(TrackedLinks links, LeadActivity activity, Clock clock) {
    this.links = links;
    this.activity = activity;
    this.clock = clock;
  }

  @GetMapping("/t/{token}")
  String follow(@PathVariable("token") String token, HttpServletRequest request, HttpServletResponse response) {
    Optional<TrackedLink> link = links.find(token);
    if (link.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return "leads/link-not-found";
    }
    // Mail scanners probe links with HEAD; only a GET is a reader.
    if (!HttpMethod.HEAD.matches(request.getMethod())) {
      recordClick(link.get());
    }
    response.setStatus(HttpServletResponse.SC_FOUND);
    response.setHeader(HttpHeaders.LOCATION, link.get().targetUrl());
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    return null;
  }

  private void recordClick(TrackedLink link) {
    // Double clicks within a minute count once: the event id is the same.
    long minute = clock.instant().getEpochSecond() / 60;
    try {
      activity.engaged(link.leadKey(), EngagementType.LINK_CLICK, link.contentId(),
          "click:" + link.token() + ":" + minute);
    } catch (RuntimeException e) {
      // The reader asked for the content; a failure to score the click must not stand in the way.
      log.warn("Click on tracked link {} could not be recorded", link.token(), e);
    }
  }
}
