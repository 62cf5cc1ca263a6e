package io.escala.documents;

/** The bulk-document flow end to end on the embedded default database (H2). */
class DocumentFlowH2IT extends DocumentFlowScenarios {}
