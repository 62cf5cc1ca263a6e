package io.escala.documents;

import io.escala.llm.LlmProperties;
import io.escala.platform.ClusterNodeName;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The generation worker of this node. It calls the OpenAI-compatible endpoint of {@code escala.llm.*}; without an API
 * key (the embedded default) it writes with {@link OfflineDocumentModel}, so a batch can be tried end to end.
 */
@Configuration(proxyBeanMethods = false)
public class DocumentsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DocumentsConfiguration.class);

  @Bean(destroyMethod = "close")
  DocumentModel documentModel(LlmProperties llm, DocumentsProperties properties, Clock clock) {
    if (!llm.hasApiKey()) {
      log.info("escala.llm.api-key is empty: bulk documents are written by the offline model (sample text)");
      return new OfflineDocumentModel();
    }
    return new OpenAiDocumentModel(llm.baseUrl(), llm.apiKey(), properties.llmTimeout(), properties.concurrency(),
        clock);
  }

  @Bean
  GenerationWorker generationWorker(DocumentRows rows, DocumentBatches batches, DocumentTemplates templates,
      DocumentChecks checks, DocumentModel documentModel, DocumentsProperties properties, Clock clock,
      ClusterNodeName nodeName) {
    boolean start = properties.workerEnabled();
    if (!start) {
      log.info("Bulk document worker not started on this node (escala.documents.worker-enabled=false)");
    }
    String node = nodeName.lockOwner();
    return new GenerationWorker(rows, batches, templates, checks, documentModel, properties, clock,
        node.length() > 80 ? node.substring(0, 80) : node, start);
  }
}
