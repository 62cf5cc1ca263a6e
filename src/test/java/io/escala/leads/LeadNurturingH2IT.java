package io.escala.leads;

/** Lead nurturing on the embedded default database (H2). */
class LeadNurturingH2IT extends LeadNurturingScenarios {}
