package io.escala.platform;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the person who started Escala where to go and how to log in. Generated passwords are shown only here. */
@Component
public class StartupBanner {

  private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

  private final PublicUrl publicUrl;
  private final CamundaBpmProperties camunda;
  private final IdentityService identityService;
  private final StaffDirectory staff;
  private final Contributions contributions;
  private final Environment environment;
  private final String mailHost;

  public StartupBanner(PublicUrl publicUrl, CamundaBpmProperties camunda, IdentityService identityService,
      StaffDirectory staff, Contributions contributions, Environment environment,
      @Value("${spring.mail.host:}") String mailHost) {
    this.contributions = contributions;
    this.publicUrl = publicUrl;
    this.camunda = camunda;
    this.identityService = identityService;
    this.staff = staff;
    this.environment = environment;
    this.mailHost = mailHost;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void announce() {
    String adminId = camunda.getAdminUser().getId();
    String adminPassword = camunda.getAdminUser().getPassword();
    boolean generated = environment.getProperty(AdminAccountDefaults.GENERATED_FLAG, Boolean.class, false);
    StringBuilder text = new StringBuilder("\n\n==================== Escala is running ====================\n");
    for (PlatformContribution.EntryPoint entry : contributions.entryPoints()) {
      text.append("  ").append(String.format("%-16s", entry.label())).append(": ")
          .append(publicUrl.to(entry.path())).append('\n');
    }
    text.append("  Tasklist/Cockpit: ").append(publicUrl.to("/camunda/app/tasklist/")).append('\n');
    text.append("  Staff pages     : ").append(publicUrl.to("/staff")).append('\n');
    if (mailHost == null || mailHost.isBlank()) {
      text.append("  Outbox          : ").append(publicUrl.to("/staff/outbox"))
          .append("  (no SMTP host: e-mails are kept here; admin or support)\n");
    }
    text.append("  REST API        : ").append(publicUrl.to("/engine-rest")).append(" (HTTP Basic)\n");
    if (generated && identityService.checkPassword(adminId, adminPassword)) {
      text.append("  Administrator   : ").append(adminId).append(" / ").append(adminPassword)
          .append("   (generated now, shown once; set CAMUNDA_BPM_ADMINUSER_PASSWORD to choose)\n");
    } else {
      text.append("  Administrator   : ").append(adminId)
          .append(" (password from CAMUNDA_BPM_ADMINUSER_PASSWORD or as printed at its first start)\n");
    }
    staff.createdPasswords().forEach((user, password) ->
        text.append("  Demo staff      : ").append(user).append(" / ").append(password)
            .append("   (generated now, shown once)\n"));
    text.append("===========================================================\n");
    log.info(text.toString());
  }
}
