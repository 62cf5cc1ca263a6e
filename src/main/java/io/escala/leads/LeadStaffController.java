package io.escala.leads;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff view of the leads with their latest score; sales can stop a sequence by marking a lead as handled. */
@Controller
class LeadStaffController {

  private final JdbcClient jdbc;
  private final LeadService leadService;
  private final LeadErasure erasure;
  private final LeadSubmissions submissions;

  LeadStaffController(JdbcClient jdbc, LeadService leadService, LeadErasure erasure, LeadSubmissions submissions) {
    this.jdbc = jdbc;
    this.leadService = leadService;
    this.erasure = erasure;
    this.submissions = submissions;
  }

  record LeadRow(String leadKey, String name, String company, String status, Integer total, String route,
      boolean openCase) {}

  @GetMapping("/staff/leads")
  String list(Model model) {
    List<LeadRow> rows = jdbc.sql("""
            SELECT l.lead_key, l.name, l.company, l.status,
                   (SELECT s.total FROM lead_score_snapshot s WHERE s.lead_key = l.lead_key
                     ORDER BY s.computed_at DESC, s.id DESC FETCH FIRST 1 ROWS ONLY) AS total,
                   (SELECT s.route FROM lead_score_snapshot s WHERE s.lead_key = l.lead_key
                     ORDER BY s.computed_at DESC, s.id DESC FETCH FIRST 1 ROWS ONLY) AS route
            FROM nurture_lead l ORDER BY l.updated_at DESC FETCH FIRST 200 ROWS ONLY""")
        .query((rs, i) -> new LeadRow(rs.getString("lead_key"), rs.getString("name"), rs.getString("company"),
            rs.getString("status"), (Integer) rs.getObject("total", Integer.class), rs.getString("route"),
            leadService.hasOpenCase(rs.getString("lead_key"))))
        .list();
    model.addAttribute("leads", rows);
    return "staff/leads";
  }

  /**
   * Every form submission as sent, also those that did not change the lead (not confirmed by the address owner), so
   * sales sees what somebody wrote without it overwriting the profile.
   */
  @GetMapping("/staff/leads/submissions")
  String submissions(Model model) {
    model.addAttribute("submissions", submissions.latest(200));
    return "leads/staff-submissions";
  }

  /** A person asked for their data to be deleted. */
  @PostMapping("/staff/leads/erase")
  String erase(@RequestParam("leadKey") String leadKey, RedirectAttributes redirect) {
    redirect.addFlashAttribute("erased", erasure.erase(leadKey) ? leadKey : null);
    return "redirect:/staff/leads";
  }

  @PostMapping("/staff/leads/handled")
  String markHandled(@RequestParam("leadKey") String leadKey, RedirectAttributes redirect) {
    redirect.addFlashAttribute("handled", leadService.handledBySales(LeadKeys.of(leadKey)) ? leadKey : null);
    return "redirect:/staff/leads";
  }
}
