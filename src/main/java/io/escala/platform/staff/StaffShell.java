package io.escala.platform.staff;

import io.escala.platform.Contributions;
import io.escala.platform.SecurityConfiguration;
import io.escala.platform.StaffPage;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What the staff header shows ({@code templates/fragments/staff.html}, as {@code ${@staffShell...}}): who is signed
 * in and the pages their groups may open. Read from the security context, so error pages get the same header.
 */
@Component("staffShell")
public class StaffShell {

  private final Contributions contributions;

  public StaffShell(Contributions contributions) {
    this.contributions = contributions;
  }

  public boolean signedIn() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication != null && authentication.isAuthenticated()
        && !(authentication instanceof AnonymousAuthenticationToken);
  }

  public String userName() {
    return signedIn() ? SecurityContextHolder.getContext().getAuthentication().getName() : null;
  }

  /** The user's Camunda groups, without the authority prefix. */
  public Set<String> groups() {
    if (!signedIn()) {
      return Set.of();
    }
    return SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(authority -> authority.startsWith(SecurityConfiguration.STAFF_AUTHORITY_PREFIX))
        .map(authority -> authority.substring(SecurityConfiguration.STAFF_AUTHORITY_PREFIX.length()))
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The path of the page being shown (for {@code aria-current} in the navigation). */
  public String currentPath() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      Object forwarded = attributes.getRequest().getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
      return forwarded != null ? forwarded.toString() : attributes.getRequest().getRequestURI();
    }
    return "";
  }

  /** The staff pages the user's groups may open, in the order the features declared them. */
  public List<StaffPage> pages() {
    Set<String> groups = groups();
    return contributions.staffPages().stream()
        .filter(page -> Contributions.allowedGroups(page).stream().anyMatch(groups::contains))
        .toList();
  }
}
