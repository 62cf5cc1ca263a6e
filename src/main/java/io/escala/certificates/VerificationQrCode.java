package io.escala.certificates;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** The QR code on a certificate: the verification page's URL, as a PNG data URI the PDF template embeds. */
final class VerificationQrCode {

  /** Pixels per side: sharp at the 35 mm it is printed at (about 280 dpi). */
  private static final int SIZE = 400;

  private VerificationQrCode() {}

  static String pngDataUri(String url) {
    try {
      // Quartile: a creased or stained printout still scans; a 4-module quiet zone as the standard asks.
      BitMatrix matrix = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, SIZE, SIZE, Map.of(
          EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q,
          EncodeHintType.MARGIN, 4,
          EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()));
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      MatrixToImageWriter.writeToStream(matrix, "png", png);
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    } catch (WriterException e) {
      throw new IllegalArgumentException("URL does not fit in a QR code: " + url, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
