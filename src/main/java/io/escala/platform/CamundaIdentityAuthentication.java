package io.escala.platform;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Staff sign in to Escala's own staff pages with their Camunda account: one user directory for Tasklist, Cockpit
 * and Escala. Groups become authorities {@code GROUP_<id>}.
 */
@Component
public class CamundaIdentityAuthentication implements AuthenticationProvider {

  private final IdentityService identityService;

  public CamundaIdentityAuthentication(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    String password = String.valueOf(authentication.getCredentials());
    if (userId == null || userId.isBlank() || !identityService.checkPassword(userId, password)) {
      throw new BadCredentialsException("Bad credentials");
    }
    List<SimpleGrantedAuthority> authorities = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId)
        .map(id -> new SimpleGrantedAuthority("GROUP_" + id))
        .toList();
    return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
