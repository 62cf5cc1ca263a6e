package io.escala.support;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading what GreenMail received. */
public final class Mails {

  private Mails() {}

  public static List<MimeMessage> to(String address) {
    return Arrays.stream(TestMailServer.received()).filter(message -> {
      try {
        return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
            .anyMatch(r -> r.toString().toLowerCase().contains(address.toLowerCase()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  public static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text/plain part. */
  public static String text(MimeMessage message) {
    try {
      return findPart(message.getContent(), "text/plain");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String html(MimeMessage message) {
    try {
      return findPart(message.getContent(), "text/html");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The decoded text of the first part of this MIME type (e.g. {@code text/calendar}), or null. */
  public static String part(MimeMessage message, String type) {
    try {
      return decodedPart(message.getContent(), type);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String decodedPart(Object content, String type) throws Exception {
    if (content instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        if (part.isMimeType(type)) {
          try (java.io.InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
          }
        }
        if (part.getContent() instanceof Multipart nested) {
          String found = decodedPart(nested, type);
          if (found != null) {
            return found;
          }
        }
      }
    }
    return null;
  }

  public static String link(MimeMessage message, String pathPart) {
    Matcher matcher = Pattern.compile("(https?://\\S*" + Pattern.quote(pathPart) + "\\S*)").matcher(text(message));
    if (!matcher.find()) {
      throw new AssertionError("No link containing " + pathPart + " in:\n" + text(message));
    }
    return matcher.group(1);
  }

  private static String findPart(Object content, String type) throws Exception {
    if (content instanceof String text) {
      return text;
    }
    if (content instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        if (part.isMimeType(type)) {
          return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart nested) {
          String found = findPart(nested, type);
          if (found != null) {
            return found;
          }
        }
      }
    }
    return null;
  }
}
