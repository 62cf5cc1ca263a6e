package io.escala.documents;

import io.escala.support.MigratedTestDatabase;

class SampleReviewH2IT extends SampleReviewScenarios {

  @Override
  MigratedTestDatabase database() {
    return MigratedTestDatabase.h2("review");
  }
}
