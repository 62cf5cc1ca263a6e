package io.escala.documents;

import io.escala.platform.ClusterStartupLock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A template to try bulk documents with on a fresh embedded default ({@code escala.documents.sample-templates}, on in
 * application.yaml, off in application-postgres.yaml): a Spanish welcome letter for the students of an academy, with
 * two LLM sections. Only into an empty template table, while this node holds the start-up lock, so two nodes
 * starting together on one database add it once.
 */
@Component
class SampleTemplates implements SmartInitializingSingleton {

  static final String KEY = "carta-bienvenida";

  private static final Logger log = LoggerFactory.getLogger(SampleTemplates.class);

  private final boolean enabled;
  private final DocumentTemplates templates;
  private final JdbcClient jdbc;
  private final ClusterStartupLock startupLock;

  SampleTemplates(@Value("${escala.documents.sample-templates:false}") boolean enabled, DocumentTemplates templates,
      JdbcClient jdbc, ClusterStartupLock startupLock) {
    this.enabled = enabled;
    this.templates = templates;
    this.jdbc = jdbc;
    this.startupLock = startupLock;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!enabled) {
      return;
    }
    startupLock.acquire();
    if (jdbc.sql("SELECT COUNT(*) FROM document_template").query(Long.class).single() > 0) {
      return;
    }
    templates.save(KEY, "Carta de bienvenida a la academia", """
        <h1>¡Bienvenida, {{nombre}}!</h1>
        <p>{{llm:saludo}}</p>
        <p>Tu curso: <strong>{{curso}}</strong>. Primera clase: {{inicio}}.</p>
        <h2>Para aprovecharlo</h2>
        <p>{{llm:consejos}}</p>
        <p>Equipo académico</p>""", TemplateVersion.BodyFormat.HTML, List.of(
            new TemplateSection("saludo", """
                Escribe un párrafo de bienvenida cálido y breve (3 o 4 oraciones) para {{nombre}}, que vive en \
                {{ciudad}} y empieza el curso {{curso}} el {{inicio}}. Tutéala o tutéalo; no prometas resultados.""",
                300, 120, 900, "es", List.of(), List.of("garantizado", "garantizamos"), null),
            new TemplateSection("consejos", """
                Da tres consejos prácticos, en un solo párrafo, para aprovechar el curso {{curso}} a alguien cuyo \
                objetivo es: {{objetivo}}.""",
                350, 150, 1200, "es", List.of(), List.of(), null)),
        "escala");
    log.info("Sample document template '{}' added: see /staff/documents", KEY);
  }
}
