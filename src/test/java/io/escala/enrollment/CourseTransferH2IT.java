package io.escala.enrollment;

/** Bank transfers, and payments off, on the embedded default database (H2). */
class CourseTransferH2IT extends CourseTransferScenarios {}
