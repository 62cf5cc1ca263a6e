package io.escala.enrollment;

import io.escala.support.MigratedTestDatabase;

class EnrollmentsStorageH2Test extends EnrollmentsStorageScenarios {

  @Override
  MigratedTestDatabase database() {
    return MigratedTestDatabase.h2("enrollments");
  }
}
