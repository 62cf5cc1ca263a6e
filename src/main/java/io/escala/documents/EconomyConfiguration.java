package io.escala.documents;

import io.escala.llm.LlmProperties;
import io.escala.platform.ClusterNodeName;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Economy mode on this node: the OpenAI Batch API at {@code escala.llm.base-url}. Without an API key (the embedded
 * default) there is no API to call and economy batches wait, as standard ones do.
 */
@Configuration(proxyBeanMethods = false)
public class EconomyConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EconomyConfiguration.class);

  @Bean
  EconomyGeneration economyGeneration(EconomyRows economy, DocumentRows rows, DocumentBatches batches,
      DocumentTemplates templates, DocumentChecks checks, EconomyProperties properties, Clock clock,
      ClusterNodeName nodeName, LlmProperties llm) {
    boolean start = properties.enabled() && llm.hasApiKey();
    if (!start) {
      log.info("Economy mode not started on this node (escala.documents.economy.enabled={}, LLM API key {})",
          properties.enabled(), llm.hasApiKey() ? "set" : "empty");
    }
    OpenAiBatchApi api = llm.hasApiKey() ? new OpenAiBatchApi(llm.baseUrl(), llm.apiKey(), properties.httpTimeout())
        : null;
    return new EconomyGeneration(economy, rows, batches, templates, checks, api, properties, clock,
        nodeName.lockOwner(), start);
  }
}
