package io.escala.enrollment;

/** A learner's course through its case on the embedded default database (H2). */
class CourseLearningFlowH2IT extends CourseLearningFlowScenarios {}
