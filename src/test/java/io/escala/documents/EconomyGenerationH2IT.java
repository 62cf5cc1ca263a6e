package io.escala.documents;

import io.escala.support.MigratedTestDatabase;

class EconomyGenerationH2IT extends EconomyGenerationScenarios {

  @Override
  MigratedTestDatabase database() {
    return MigratedTestDatabase.h2("economy");
  }
}
