package io.escala.leads;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.escala.platform.WebhookSignature;
import io.escala.support.EscalaIntegrationTest;
import io.escala.support.TestOpenAi;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A hot lead from a form tool reaches HubSpot through its real CRM v3 API (WireMock standing in for HubSpot). */
class LeadNurturingHubSpotIT extends EscalaIntegrationTest {

  private static final String UPSERT = "/crm/v3/objects/contacts/batch/upsert";
  private static final String DEALS = "/crm/v3/objects/deals";
  private static final String NOTES = "/crm/v3/objects/notes";

  @Autowired WebhookSignature webhookSignature;
  @Autowired TaskService taskService;

  @DynamicPropertySource
  static void hubspot(DynamicPropertyRegistry registry) {
    registry.add("escala.crm.provider", () -> "hubspot");
    registry.add("escala.crm.hubspot.base-url", () -> TestOpenAi.server().baseUrl());
    registry.add("escala.crm.hubspot.access-token", () -> "pat-test-token");
  }

  @BeforeEach
  void stubHubSpot() {
    TestOpenAi.server().stubFor(post(urlEqualTo(UPSERT)).willReturn(okJson("""
        {"status":"COMPLETE","results":[{"id":"501","properties":{"lifecyclestage":"salesqualifiedlead"}}]}""")));
    TestOpenAi.server().stubFor(post(urlEqualTo(DEALS)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"7001\",\"properties\":{}}")));
    TestOpenAi.server().stubFor(post(urlEqualTo(NOTES)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"9001\",\"properties\":{}}")));
  }

  @Test
  void hotLeadBecomesAHubSpotContactWithADealAndASalesTask() throws Exception {
    String email = "hub-" + System.nanoTime() + "@lead.example";
    HttpResponse<String> response = http.postSignedJson("/leads/webhook", """
        {"name":"Paula Rocha","email":"%s","company":"Rocha Docs","interest":"marketing-automation",
         "role":"founder","companySize":"51-200","country":"BR","budgetRange":"20k+","consentEmail":true,
         "consentPhone":true,"consentText":"Aceito e-mails e ligações.","language":"pt-BR","source":"hubspot-forms"}"""
        .formatted(email), webhookSignature);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

    runDueJobs();

    TestOpenAi.server().verify(postRequestedFor(urlEqualTo(UPSERT))
        .withHeader("Authorization", equalTo("Bearer pat-test-token"))
        .withRequestBody(matchingJsonPath("$.inputs[0].idProperty", equalTo("email")))
        .withRequestBody(matchingJsonPath("$.inputs[0].id", equalTo(email)))
        .withRequestBody(matchingJsonPath("$.inputs[0].properties.lifecyclestage", equalTo("salesqualifiedlead"))));
    TestOpenAi.server().verify(1, postRequestedFor(urlEqualTo(DEALS))
        .withRequestBody(matchingJsonPath("$.properties.dealname", containing("Rocha Docs")))
        .withRequestBody(matchingJsonPath("$.properties.dealstage", equalTo("qualifiedtobuy")))
        .withRequestBody(matchingJsonPath("$.properties.description", containing("Escala owner: demo-sales")))
        .withRequestBody(matchingJsonPath("$.associations[0].to.id", equalTo("501")))
        .withRequestBody(matchingJsonPath("$.associations[0].types[0].associationTypeId", equalTo("3"))));
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(email).singleResult().getAssignee())
        .startsWith("demo-sales");
  }
}
