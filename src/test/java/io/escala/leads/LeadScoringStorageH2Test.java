package io.escala.leads;

import io.escala.support.MigratedTestDatabase;

class LeadScoringStorageH2Test extends LeadScoringStorageScenarios {

  @Override
  MigratedTestDatabase database() {
    return MigratedTestDatabase.h2("scoringtest");
  }
}
