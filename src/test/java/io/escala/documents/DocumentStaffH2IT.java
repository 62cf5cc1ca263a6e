package io.escala.documents;

/** The document team's pages and REST API on the embedded default database (H2). */
class DocumentStaffH2IT extends DocumentStaffScenarios {}
