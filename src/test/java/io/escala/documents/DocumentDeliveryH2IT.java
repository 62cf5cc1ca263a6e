package io.escala.documents;

/** Delivery of an approved batch on the embedded default database (H2). */
class DocumentDeliveryH2IT extends DocumentDeliveryScenarios {}
