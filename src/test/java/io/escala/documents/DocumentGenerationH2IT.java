package io.escala.documents;

import io.escala.support.MigratedTestDatabase;

class DocumentGenerationH2IT extends DocumentGenerationScenarios {

  @Override
  MigratedTestDatabase database() {
    return MigratedTestDatabase.h2("documents");
  }
}
