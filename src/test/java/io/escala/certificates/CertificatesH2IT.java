package io.escala.certificates;

/** Certificates on the embedded default database (H2). */
class CertificatesH2IT extends CertificateScenarios {}
