package io.escala.platform.staff;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page, error pages included, the {@code staffShell} its header reads. A page rendered without it (a
 * standalone template test) shows the header without user and navigation.
 */
@ControllerAdvice
class StaffShellAdvice {

  private final StaffShell shell;

  StaffShellAdvice(StaffShell shell) {
    this.shell = shell;
  }

  @ModelAttribute("staffShell")
  StaffShell staffShell() {
    return shell;
  }
}
