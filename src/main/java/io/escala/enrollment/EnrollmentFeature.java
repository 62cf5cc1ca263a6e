package io.escala.enrollment;

import static io.escala.platform.PublicEndpoint.page;

import io.escala.platform.PlatformContribution;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Course enrollment's public pages (catalog, course and enrollment form, enrollment status, waitlist offer), the
 * course admins' staff page and the flow's message bundles.
 */
@Configuration(proxyBeanMethods = false)
class EnrollmentFeature {

  static final String SUCCESS = "success";
  static final String COURSE_ADMINS = "course-admins";

  @Bean
  PlatformContribution enrollmentContribution() {
    return PlatformContribution.of("enrollment")
        .publicEndpoints(
            // catalog, course pages with the enrollment form, /courses/enrollment/{token}, /courses/offer/{token}
            page("/courses"),
            page("/courses/**"))
        // --- more public endpoints of the flow go here, or in a feature bean of their own: the pay, learner, join
        // and progress endpoints are declared by CoursePaymentsFeature and CourseLearningFeature (more specific
        // patterns than /courses/**, so their own limits and kinds apply) -----------------------------------------
        .entryPoint("Courses", "/courses", 40)
        .staffGroup(SUCCESS, "Customer success")
        .staffGroup(COURSE_ADMINS, "Course admins")
        .staffPage("/staff/courses", "staff.page.courses", SUCCESS, COURSE_ADMINS)
        .messageBundles("i18n/enrollment")
        .build();
  }
}
