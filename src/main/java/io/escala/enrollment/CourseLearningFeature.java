package io.escala.enrollment;

import static io.escala.platform.PublicEndpoint.page;
import static io.escala.platform.PublicEndpoint.signedPost;

import io.escala.platform.PlatformContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The learner's side of course enrollment: learner and join pages, the progress endpoint, mails and their texts. */
@Configuration(proxyBeanMethods = false)
class CourseLearningFeature {

  @Bean
  PlatformContribution courseLearningContribution() {
    return PlatformContribution.of("course-learning")
        .publicEndpoints(
            // the signed token in the path is the credential (EnrollmentLinks.learn / join)
            page("/courses/learn/**"),
            page("/courses/join/**"),
            // signed like the lead events (escala.enrollment.progress-secret)
            signedPost("/courses/progress").withMaxBody(DataSize.ofKilobytes(8)))
        // customer success (group "success") is declared by onboarding
        .messageBundles("i18n/enrollment-mail", "i18n/enrollment-learn")
        .build();
  }
}
