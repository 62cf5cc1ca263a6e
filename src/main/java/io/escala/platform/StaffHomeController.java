package io.escala.platform;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The staff landing page after login: the pages the user's groups may open. */
@Controller
class StaffHomeController {

  private final Contributions contributions;

  StaffHomeController(Contributions contributions) {
    this.contributions = contributions;
  }

  @GetMapping("/staff")
  String home(Authentication authentication, Model model) {
    model.addAttribute("pages", pagesFor(authentication));
    model.addAttribute("user", authentication.getName());
    return "staff/home";
  }

  /** The staff pages whose groups the user belongs to, in the order the features declared them. */
  List<StaffPage> pagesFor(Authentication authentication) {
    Set<String> authorities = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .collect(Collectors.toSet());
    return contributions.staffPages().stream()
        .filter(page -> Contributions.allowedGroups(page).stream()
            .anyMatch(group -> authorities.contains(SecurityConfiguration.STAFF_AUTHORITY_PREFIX + group)))
        .toList();
  }
}
