package io.escala.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CamundaFormFieldsTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void theSuccessCallFormSubmitsOnlyWhatStaffDecide() throws Exception {
    // Name, company, e-mail and the AI summary are shown disabled: Tasklist does not submit them.
    assertThat(CamundaFormFields.submittable(json.readTree(Path.of("forms/onboarding-success-call-es.form").toFile())))
        .containsExactly("callNotes", "callOutcome");
  }

  @Test
  void theLeadFormSubmitsOnlyTheQualification() throws Exception {
    assertThat(CamundaFormFields.submittable(json.readTree(Path.of("forms/lead-qualify-es.form").toFile())))
        .doesNotContain("email", "name", "totalScore").contains("qualification", "qualificationNotes");
  }

  @Test
  void nestedFieldsSubmitUnderTheirGroupsPathAndTextOrButtonsSubmitNothing() throws Exception {
    var schema = json.readTree("""
        {"components":[
          {"type":"text","text":"Hello"},
          {"type":"textfield","key":"plain"},
          {"type":"textfield","key":"address.street"},
          {"type":"textfield","key":"shown","disabled":true},
          {"type":"textfield","key":"readOnly","readonly":true},
          {"type":"group","path":"contact","components":[{"type":"textfield","key":"phone"}]},
          {"type":"group","components":[{"type":"checkbox","key":"unnested"}]},
          {"type":"dynamiclist","path":"items","components":[{"type":"number","key":"qty"}]},
          {"type":"button","key":"submit","action":"submit"}
        ]}""");

    assertThat(CamundaFormFields.submittable(schema))
        .containsExactly("address", "contact", "items", "plain", "readOnly", "unnested");
  }

  @Test
  void noFormSubmitsNothing() {
    assertThat(CamundaFormFields.submittable(null)).isEmpty();
  }
}
