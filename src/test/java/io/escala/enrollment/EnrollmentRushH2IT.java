package io.escala.enrollment;

/** The enrollment rush on the embedded default database (H2). */
class EnrollmentRushH2IT extends EnrollmentRushScenarios {}
