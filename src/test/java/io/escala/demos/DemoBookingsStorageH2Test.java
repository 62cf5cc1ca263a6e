package io.escala.demos;

import io.escala.support.MigratedTestDatabase;

class DemoBookingsStorageH2Test extends DemoBookingsStorageScenarios {

  @Override
  MigratedTestDatabase database() {
    return MigratedTestDatabase.h2("demobookings");
  }
}
