package io.escala.enrollment;

/** The learner's side of course enrollment on the embedded default database (H2). */
class CourseLearningH2IT extends CourseLearningScenarios {}
