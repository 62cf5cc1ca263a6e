package io.escala.platform;

import io.escala.platform.staff.Dashboard;
import io.escala.platform.staff.StaffShell;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The staff landing page after login: the dashboard sections of the user's groups; the pages they may open are in
 * the header every staff page shares.
 */
@Controller
class StaffHomeController {

  private final StaffShell shell;
  private final Dashboard dashboard;

  StaffHomeController(StaffShell shell, Dashboard dashboard) {
    this.shell = shell;
    this.dashboard = dashboard;
  }

  @GetMapping("/staff")
  String home(Model model, Locale locale) {
    model.addAttribute("dashboard", dashboard.render(shell.groups(), locale));
    model.addAttribute("pages", shell.pages());
    return "staff/home";
  }
}
