package io.escala.enrollment;

/** Course enrollment pages on the embedded default database (H2). */
class EnrollmentPagesH2IT extends EnrollmentPagesScenarios {}
