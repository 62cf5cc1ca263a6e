package io.escala.enrollment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of the learner's side of course enrollment, under {@code escala.enrollment.*} next to
 * {@link EnrollmentProperties}.
 *
 * @param bankDetails what a person paying by bank transfer needs (bank, account holder, account number, CLABE, CBU,
 *     Pix key...), as staff want it printed in the transfer instructions; several lines allowed
 * @param progressSecret the shared secret of {@code POST /courses/progress} (an external LMS signs its posts with it,
 *     as the lead events are signed); blank closes the endpoint
 */
@ConfigurationProperties("escala.enrollment")
public record CourseLearningProperties(
    @DefaultValue("") String bankDetails,
    @DefaultValue("") String progressSecret) {

  public CourseLearningProperties {
    bankDetails = bankDetails == null ? "" : bankDetails.strip();
  }
}
