package io.escala.platform;

/** The login throttle scenarios on the embedded default database (H2). */
class LoginThrottleH2IT extends LoginThrottleScenarios {}
