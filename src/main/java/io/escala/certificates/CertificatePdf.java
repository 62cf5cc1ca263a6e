package io.escala.certificates;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.escala.platform.PublicUrl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Draws a certificate: {@code templates/certificates/certificate.html} (XHTML) in the learner's language, with the
 * verification QR code, through openhtmltopdf. DejaVu Serif is embedded (as a subset), so every Latin accent prints the
 * same on any reader, and no font of the machine is used.
 */
@Component
class CertificatePdf {

  static final String FONT_FAMILY = "DejaVu Serif";
  private static final String TEMPLATE = "certificates/certificate";

  static {
    PdfRendererLogging.install();
  }

  private final ITemplateEngine templates;
  private final PublicUrl publicUrl;

  CertificatePdf(ITemplateEngine templates, PublicUrl publicUrl) {
    this.templates = templates;
    this.publicUrl = publicUrl;
  }

  /** The public page a certificate's QR code and printed link lead to. */
  String verificationUrl(String code) {
    return publicUrl.to("/certificates/" + code);
  }

  byte[] render(Certificate certificate) {
    String url = verificationUrl(certificate.code());
    Context context = new Context(certificate.language(), Map.of(
        "certificate", certificate,
        "completedOn", CertificateDates.longDate(certificate.completedOn(), certificate.language()),
        "verificationUrl", url,
        "qrCode", VerificationQrCode.pngDataUri(url)));
    String xhtml = templates.process(TEMPLATE, context);
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    try {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.useFont(() -> font("DejaVuSerif.ttf"), FONT_FAMILY, 400, FontStyle.NORMAL, true);
      builder.useFont(() -> font("DejaVuSerif-Bold.ttf"), FONT_FAMILY, 700, FontStyle.NORMAL, true);
      builder.withHtmlContent(xhtml, url);
      builder.toStream(pdf);
      builder.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pdf.toByteArray();
  }

  private static InputStream font(String file) {
    InputStream font = CertificatePdf.class.getResourceAsStream("/fonts/dejavu/" + file);
    if (font == null) {
      throw new IllegalStateException("Font missing from the application: fonts/dejavu/" + file);
    }
    return font;
  }
}
