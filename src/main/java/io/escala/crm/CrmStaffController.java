package io.escala.crm;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Staff view of the built-in CRM (protected with the rest of {@code /staff/**}). */
@Controller
@RequestMapping("/staff/crm")
class CrmStaffController {

  static final int PAGE_SIZE = 50;

  private final CrmProperties properties;
  private final ObjectProvider<BuiltInCrm> builtInCrm;

  CrmStaffController(CrmProperties properties, ObjectProvider<BuiltInCrm> builtInCrm) {
    this.properties = properties;
    this.builtInCrm = builtInCrm;
  }

  @GetMapping
  String contacts(@RequestParam(defaultValue = "1") int page, Model model) {
    BuiltInCrm crm = builtInCrm.getIfAvailable();
    model.addAttribute("hubspot", properties.provider() == CrmProperties.Provider.HUBSPOT);
    if (crm != null) {
      model.addAttribute("contacts", crm.listContacts(page, PAGE_SIZE));
    }
    return "staff/crm";
  }

  @GetMapping("/contacts/{id}")
  String contact(@PathVariable long id, Model model) {
    BuiltInCrm crm = builtInCrm.getIfAvailable();
    if (crm == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    model.addAttribute("history", crm.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    return "staff/crm-contact";
  }
}
