package io.escala.demos;

/** Demo booking on the embedded default database (H2). */
class DemoBookingH2IT extends DemoBookingScenarios {}
