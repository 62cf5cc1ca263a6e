package io.escala.documents;

import static io.escala.platform.PublicEndpoint.page;

import io.escala.platform.PlatformContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bulk documents: the document team's pages (templates, batches, upload, progress), the reviewers' review page, the
 * requester's signed download link, and the flow's message bundles.
 */
@Configuration(proxyBeanMethods = false)
class DocumentsFeature {

  /** Staff who run batches: templates, uploads, progress, pause / resume / cancel, stuck batches. */
  static final String DOCUMENTS = "documents";
  /** Staff who approve batches by sampling (the issue's {@code reviewers} group). */
  static final String REVIEWERS = "reviewers";

  @Bean
  PlatformContribution documentsContribution() {
    return PlatformContribution.of("documents")
        // the requester's download of an approved batch (ZIP, export CSV): the signed token is the credential
        .publicEndpoints(page("/documents/download/**"))
        // a staff page (sign in as a member of documents): the flow starts from an upload, not a public form
        .entryPoint("Bulk documents", "/staff/documents", 50)
        .staffGroup(DOCUMENTS, "Document operations")
        .staffGroup(REVIEWERS, "Document reviewers")
        .staffPage("/staff/documents", "staff.page.documents", DOCUMENTS)
        .staffPage("/staff/document-review", "staff.page.documentReview", REVIEWERS, DOCUMENTS)
        .apiEndpoint("/api/documents/**", org.springframework.util.unit.DataSize.ofMegabytes(10), DOCUMENTS)
        .messageBundles("i18n/documents", "i18n/documents-staff", "i18n/documents-review",
            "i18n/documents-delivery")
        .build();
  }
}
