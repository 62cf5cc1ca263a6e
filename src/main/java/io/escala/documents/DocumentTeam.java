package io.escala.documents;

import org.springframework.stereotype.Component;

/**
 * The language the document team and reviewers work in: their Tasklist forms,
 * {@code camunda:formRef="document-review-sample-${documentTeam.formLanguage}"} (Tasklist forms are not translated per
 * user).
 */
@Component("documentTeam")
public class DocumentTeam {

  private final DocumentFlowProperties properties;

  public DocumentTeam(DocumentFlowProperties properties) {
    this.properties = properties;
  }

  public String getFormLanguage() {
    return properties.staffLanguage();
  }
}
