package io.escala.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.escala.documents.DocumentRendering;
import io.escala.documents.TemplateVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * PDF rendering rate of delivered documents (openhtmltopdf, DejaVu Serif embedded as a subset): a one-page letter
 * in Markdown (heading, paragraphs with accents, a list, a table) rendered on one thread, then on one thread per
 * core; DOCX alongside for the same letter. Prints documents per second per core. Run with
 * {@code ./mvnw -Pbench verify -Dit.test=PdfRenderBench} ({@code -Dbench.documents=400}); results appended to
 * target/bench/pdf-render.txt.
 */
class PdfRenderBench {

  private static final int DOCUMENTS = Integer.getInteger("bench.documents", 400);
  private static final int WARM_UP = Integer.getInteger("bench.warmUp", 100);
  private static final String LETTER = """
      # Carta para %s

      Estimada %s: le damos la bienvenida al programa **Inteligencia artificial para docentes**, que comienza el
      lunes en São Paulo y en línea. Durante seis semanas trabajará con su equipo en casos reales de su institución:
      planificación de clases, evaluación y atención a estudiantes, con acompañamiento personal.

      Cada módulo combina una clase en vivo, ejercicios prácticos y una tutoría. La participación mínima para obtener
      la certificación es del 80 %%; las grabaciones quedan disponibles durante todo el año académico.

      - Clases en vivo cada semana, con traducción al portugués
      - Tutoría personal con especialistas en educación
      - Certificado digital verificable

      | Módulo | Fecha | Modalidad |
      |---|---|---|
      | Fundamentos | 7 de diciembre | En vivo |
      | Evaluación con IA | 14 de diciembre | Taller |

      Ante cualquier duda, responda a este correo. ¡Nos vemos pronto!

      Atentamente,
      Coordinación académica — Escala
      """;

  private final StringBuilder report = new StringBuilder();

  @Test
  void renderRate() throws Exception {
    DocumentRendering rendering = new DocumentRendering();
    int cores = Runtime.getRuntime().availableProcessors();
    line("PdfRenderBench %s, %d cores, max heap %d MB, %d documents per run", Instant.now(), cores,
        Runtime.getRuntime().maxMemory() / (1024 * 1024), DOCUMENTS);
    for (int i = 0; i < WARM_UP; i++) {
      rendering.pdf(letter(i), TemplateVersion.BodyFormat.MARKDOWN);
    }

    long bytes = 0;
    long start = System.nanoTime();
    for (int i = 0; i < DOCUMENTS; i++) {
      bytes += rendering.pdf(letter(i), TemplateVersion.BodyFormat.MARKDOWN).length;
    }
    double single = DOCUMENTS / seconds(start);
    line("PDF, 1 thread: %.1f documents/s (%.1f ms each, %d KB average)", single, 1000 / single,
        bytes / DOCUMENTS / 1024);

    ExecutorService pool = Executors.newFixedThreadPool(cores);
    try {
      start = System.nanoTime();
      List<Future<byte[]>> pdfs = new ArrayList<>();
      for (int i = 0; i < DOCUMENTS; i++) {
        String letter = letter(i);
        pdfs.add(pool.submit(() -> rendering.pdf(letter, TemplateVersion.BodyFormat.MARKDOWN)));
      }
      for (Future<byte[]> pdf : pdfs) {
        assertThat(pdf.get()).isNotEmpty();
      }
      double parallel = DOCUMENTS / seconds(start);
      line("PDF, %d threads: %.1f documents/s = %.1f documents/s per core", cores, parallel, parallel / cores);
    } finally {
      pool.shutdownNow();
    }

    start = System.nanoTime();
    for (int i = 0; i < DOCUMENTS; i++) {
      rendering.docx(letter(i), TemplateVersion.BodyFormat.MARKDOWN);
    }
    line("DOCX, 1 thread: %.1f documents/s", DOCUMENTS / seconds(start));
    Path out = Path.of("target", "bench", "pdf-render.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String letter(int i) {
    return LETTER.formatted("Conceição Muñoz " + i, "Conceição");
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private void line(String format, Object... args) {
    String line = String.format(format, args);
    System.out.println(line);
    report.append(line).append('\n');
  }
}
