package io.escala.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.escala.platform.PublicUrl;
import io.escala.support.TemplatePages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The certificate as a reader gets it: opened with PDFBox, its text read back and its QR code scanned. */
class CertificatePdfTest {

  private static final String PUBLIC_URL = "https://escala.example.com";

  private final CertificatePdf renderer = new CertificatePdf(
      TemplatePages.views("i18n/certificates").getTemplateEngine(), new PublicUrl(PUBLIC_URL, 8080, ""));

  private static Certificate certificate(String name, String course, String language) {
    return new Certificate(VerificationCode.generate(), name, "learner@example.com", course,
        LocalDate.of(2026, 3, 15), Locale.forLanguageTag(language), Instant.parse("2026-03-16T12:00:00Z"), null, null,
        null, null);
  }

  @Test
  void aPortugueseCertificateStatesNameCourseDateAndCodeWithTheirAccents() throws IOException {
    Certificate certificate = certificate("João Conceição", "Introdução à IA generativa", "pt-BR");
    try (PDDocument pdf = Loader.loadPDF(renderer.render(certificate))) {
      String text = new PDFTextStripper().getText(pdf);
      assertThat(text).contains("João Conceição").contains("Introdução à IA generativa")
          .contains("15 de março de 2026").contains(certificate.code())
          .contains("Certificado de conclusão").contains(PUBLIC_URL + "/certificates/" + certificate.code());
      assertThat(pdf.getDocumentInformation().getTitle()).contains("Introdução à IA generativa");
    }
  }

  @Test
  void theLanguageOfTheCertificateWritesItsWordsAndDate() throws IOException {
    try (PDDocument es = Loader.loadPDF(renderer.render(certificate("Ñandú Peña", "IA para docentes", "es")))) {
      assertThat(new PDFTextStripper().getText(es)).contains("Ñandú Peña").contains("15 de marzo de 2026")
          .contains("Certificado de finalización").contains("completó el curso");
    }
    try (PDDocument en = Loader.loadPDF(renderer.render(certificate("Ñandú Peña", "AI for teachers", "en")))) {
      assertThat(new PDFTextStripper().getText(en)).contains("Ñandú Peña").contains("March 15, 2026")
          .contains("Certificate of completion");
    }
  }

  @Test
  void oneA4LandscapePageWhoseOnlyFontIsTheEmbeddedDejaVu() throws IOException {
    try (PDDocument pdf = Loader.loadPDF(renderer.render(certificate("João Conceição", "IA", "pt-BR")))) {
      assertThat(pdf.getNumberOfPages()).isEqualTo(1);
      PDPage page = pdf.getPage(0);
      // A4 is 297 × 210 mm: 842 × 595 points
      assertThat(page.getMediaBox().getWidth()).isCloseTo(842f, org.assertj.core.data.Offset.offset(1f));
      assertThat(page.getMediaBox().getHeight()).isCloseTo(595f, org.assertj.core.data.Offset.offset(1f));
      List<PDFont> fonts = new ArrayList<>();
      for (COSName name : page.getResources().getFontNames()) {
        fonts.add(page.getResources().getFont(name));
      }
      assertThat(fonts).isNotEmpty().allSatisfy(font -> {
        assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue();
        assertThat(font.getName()).contains("DejaVuSerif");
      });
    }
  }

  @Test
  void theQrCodeOnThePrintedPageLeadsToTheVerificationPage() throws Exception {
    Certificate certificate = certificate("Ñandú Peña", "IA", "es");
    try (PDDocument pdf = Loader.loadPDF(renderer.render(certificate))) {
      // as a phone sees a printout: the whole page, at print resolution
      BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 150);
      // kept for a person to look at, as the browser tests keep their screenshots
      java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
      javax.imageio.ImageIO.write(new PDFRenderer(pdf).renderImageWithDPI(0, 60), "png",
          java.nio.file.Path.of("target", "screenshots", "certificate-es.png").toFile());
      assertThat(decodeQr(page)).isEqualTo(PUBLIC_URL + "/certificates/" + certificate.code());
    }
  }

  private static String decodeQr(BufferedImage image) throws NotFoundException {
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
    return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
  }
}
