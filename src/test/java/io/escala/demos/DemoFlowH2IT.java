package io.escala.demos;

/** Demo scheduling end to end on the embedded default database (H2). */
class DemoFlowH2IT extends DemoFlowScenarios {}
