package io.escala.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DocumentRenderingTest {

  private static final String ACCENTS = "Señora Conceição Gonçalves, año académico: ¿qué opinión tenés? Ação, coração,"
      + " pão, São Paulo, niño, über";

  private final DocumentRendering rendering = new DocumentRendering();
  private HttpServer server;
  private final AtomicInteger fetched = new AtomicInteger();

  @BeforeEach
  void aServerThatCountsFetches() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      fetched.incrementAndGet();
      exchange.sendResponseHeaders(200, 0);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void markdownBecomesAPdfWhoseTextKeepsEveryAccentInAnEmbeddedFont() throws IOException {
    byte[] pdf = rendering.pdf("# Carta para María José\n\n" + ACCENTS
            + "\n\n- primer punto\n- **segundo** punto\n\n*cursiva con acentuación*\n",
        TemplateVersion.BodyFormat.MARKDOWN);

    try (PDDocument document = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
      assertThat(text).contains("Carta para María José").contains(ACCENTS).contains("primer punto")
          .contains("segundo punto").contains("cursiva con acentuación");
      assertThat(fonts(document)).extracting(PDFont::getName).anySatisfy(name -> assertThat(name)
          .endsWith("DejaVuSerif-Italic"));
      assertThat(fonts(document)).isNotEmpty().allSatisfy(font -> {
        assertThat(font.getName()).contains("DejaVuSerif");
        assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue();
      });
    }
  }

  @Test
  void htmlOutputRunsNoScriptAndFetchesNothing() throws IOException {
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    String output = """
        <html><head><link rel="stylesheet" href="%1$s/style.css"><style>body { background: url(%1$s/bg.png) }</style>
        <script src="%1$s/evil.js"></script></head>
        <body><h1>Propuesta para Ação Educativa</h1>
        <script>document.write('INJECTED')</script>
        <p style="background-image: url(%1$s/inline.png)">Texto con ñ y ç.</p>
        <img src="%1$s/tracker.png" alt="pixel">
        <iframe src="%1$s/frame.html"></iframe>
        <a href="javascript:alert(1)">enlace</a> <a href="https://escala.example/terms">condiciones</a>
        <table><tr><th>Curso</th><td>IA para docentes</td></tr></table>
        </body></html>""".formatted(base);

    byte[] pdf = rendering.pdf(output, TemplateVersion.BodyFormat.HTML);

    assertThat(fetched).as("requests that reached the server").hasValue(0);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains("Propuesta para Ação Educativa", "Texto con ñ y ç.", "enlace", "condiciones",
          "IA para docentes").doesNotContain("INJECTED").doesNotContain("document.write");
      assertThat(document.getDocumentCatalog().getNames()).as("no JavaScript name tree").isNull();
      assertThat(document.getDocumentCatalog().getOpenAction()).isNull();
    }
    String html = rendering.html(output, TemplateVersion.BodyFormat.HTML).html();
    assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<iframe")
        .doesNotContain("javascript:").doesNotContain(base);
  }

  @Test
  void markdownWithRawHtmlAndAnImageIsSanitizedToo() throws IOException {
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    String output = "Hola ![logo](" + base + "/logo.png)\n\n<script>alert('x')</script>\n\n<b>negrita</b>\n";

    byte[] pdf = rendering.pdf(output, TemplateVersion.BodyFormat.MARKDOWN);

    assertThat(fetched).hasValue(0);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(document)).contains("Hola", "negrita").doesNotContain("alert");
    }
  }

  @Test
  void aDocxIsReadableByPoiWithHeadingsParagraphsListsAndTables() throws IOException {
    byte[] docx = rendering.docx("""
        # Bienvenida, João

        Gracias por confiar en **Escala**; año y ação.

        1. Primero
        2. Segundo

        <table><tr><th>Curso</th><td>IA</td></tr></table>
        """, TemplateVersion.BodyFormat.MARKDOWN);

    try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docx));
        XWPFWordExtractor extractor = new XWPFWordExtractor(document)) {
      String text = extractor.getText();
      assertThat(text).contains("Bienvenida, João", "Gracias por confiar en Escala; año y ação.", "1. Primero",
          "2. Segundo", "Curso", "IA");
      assertThat(document.getTables()).hasSize(1);
      assertThat(document.getParagraphs().get(0).getRuns().get(0).isBold()).isTrue();
    }
  }

  private static List<PDFont> fonts(PDDocument document) throws IOException {
    List<PDFont> fonts = new ArrayList<>();
    for (PDPage page : document.getPages()) {
      for (COSName name : page.getResources().getFontNames()) {
        fonts.add(page.getResources().getFont(name));
      }
    }
    return fonts;
  }
}
