package io.escala.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.zaxxer.hikari.HikariDataSource;
import io.escala.calendar.BusyInterval;
import io.escala.calendar.CalendarEvent;
import io.escala.calendar.CalendarRef;
import io.escala.calendar.StaffCalendar;
import io.escala.demos.DemoBookings;
import io.escala.demos.DemoProperties;
import io.escala.demos.DemoReps;
import io.escala.demos.RepSettings;
import io.escala.demos.RepSettings.Hours;
import io.escala.platform.CaseMessages;
import io.escala.support.MigratedTestDatabase;
import io.escala.support.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.UserQuery;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * The public slot list of a busy sales team, on PostgreSQL: 20 reps with varied zones, lengths, buffers, notice, caps
 * and hours (half with a connected calendar), 2,000 demos already booked over the next 30 days, then
 * {@code DemoBookings.slots(now, now + 30 days)} computed again and again. Only the booking core runs (the real
 * beans in a Spring context with a pooled data source; the engine, messages and the calendar provider are stand-ins),
 * so the figure is the block and day queries plus the per-start checks. Run with
 * {@code ./mvnw -Pbench verify -Dit.test=SlotComputationBench} (needs POSTGRES_TEST_URL); results in
 * target/bench/slot-computation.txt.
 */
class SlotComputationBench {

  private static final int REPS = 20;
  private static final int BOOKINGS = Integer.getInteger("bench.bookings", 2_000);
  private static final int RUNS = Integer.getInteger("bench.runs", 200);
  private static final int WARM_UP = 30;
  private static final boolean HISTORY = Boolean.parseBoolean(System.getProperty("bench.history", "true"));
  private static final List<ZoneId> ZONES = List.of(ZoneId.of("America/Mexico_City"), ZoneId.of("America/Bogota"),
      ZoneId.of("America/Lima"), ZoneId.of("America/Santiago"), ZoneId.of("America/Sao_Paulo"),
      ZoneId.of("America/Argentina/Buenos_Aires"), ZoneId.of("America/New_York"), ZoneId.of("Europe/Madrid"));

  /** A Monday morning in the Americas: the next 30 days hold four working weeks and a half. */
  private static final Instant NOW = Instant.parse("2026-03-02T11:00:00Z");

  @Test
  void slotsOfTwentyRepsWithTwoThousandBookingsOverThirtyDays() throws Exception {
    MigratedTestDatabase.postgres(); // a fresh database with Escala's migrations
    try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
      context.getBeanFactory().setConversionService(ApplicationConversionService.getSharedInstance());
      context.register(BookingCore.class);
      context.refresh();
      DemoReps reps = context.getBean(DemoReps.class);
      DemoBookings bookings = context.getBean(DemoBookings.class);

      Random random = new Random(42);
      for (int i = 0; i < REPS; i++) {
        reps.save(repSettings(i, random));
      }
      long loadStart = System.nanoTime();
      long pastBlocks = HISTORY ? history(context.getBean(JdbcClient.class)) : 0;
      int booked = book(bookings, random);
      long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
      context.getBean(JdbcClient.class).sql("ANALYZE").update();

      Instant to = NOW.plus(Duration.ofDays(30));
      int slots = 0;
      for (int i = 0; i < WARM_UP; i++) {
        slots = bookings.slots(NOW, to).starts().size();
      }
      double[] millis = new double[RUNS];
      for (int i = 0; i < RUNS; i++) {
        long start = System.nanoTime();
        slots = bookings.slots(NOW, to).starts().size();
        millis[i] = (System.nanoTime() - start) / 1e6;
      }
      Arrays.sort(millis);
      String report = String.format(Locale.ROOT, "%s slots(now, now + 30 days), %d reps, %,d bookings, %d runs:"
              + " p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; %,d free starts (%,d past blocks;"
              + " data made in %,d ms)%n",
          Instant.now(), REPS, booked, RUNS, percentile(millis, 0.50), percentile(millis, 0.95),
          percentile(millis, 0.99), millis[RUNS - 1], slots, pastBlocks, loadMillis);
      System.out.print(report);
      Path out = Path.of("target", "bench", "slot-computation.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

      assertThat(booked).isEqualTo(BOOKINGS);
      assertThat(slots).isPositive();
      // p50, not p99: the build machine's two cores are shared, and its tail says more about the neighbours
      assertThat(percentile(millis, 0.50)).as("p50 of the slot list").isLessThan(150);
    }
  }

  /**
   * A year of past demos, as a team that has used Escala for a while has: the blocks of past bookings stay in
   * {@code demo_rep_block} (weekday afternoons, UTC, four hours a day per rep; one past booking per rep holds them).
   */
  private static long history(JdbcClient jdbc) {
    long blocks = 0;
    for (int i = 0; i < REPS; i++) {
      String rep = "bench-rep-" + i;
      Instant yearAgo = NOW.minus(Duration.ofDays(365));
      jdbc.sql("INSERT INTO demo_booking (booking_key, request_id, rep_id, email, name, language, time_zone, starts_at,"
              + " ends_at, status, sequence, meeting_url, created_at, updated_at) VALUES (?, ?, ?, 'past@example.com',"
              + " 'Past', 'es', 'UTC', ?, ?, 'ATTENDED', 0, 'https://meet.jit.si/past', ?, ?)")
          .params("past-" + i, "past-" + i, rep, yearAgo.atOffset(ZoneOffset.UTC),
              yearAgo.plusSeconds(1800).atOffset(ZoneOffset.UTC), yearAgo.atOffset(ZoneOffset.UTC),
              yearAgo.atOffset(ZoneOffset.UTC))
          .update();
      blocks += jdbc.sql("INSERT INTO demo_rep_block (rep_id, block_start, booking_id)"
              + " SELECT ?, ts, (SELECT id FROM demo_booking WHERE booking_key = ?)"
              + " FROM generate_series(CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ), INTERVAL '5 minutes') ts"
              + " WHERE EXTRACT(ISODOW FROM ts AT TIME ZONE 'UTC') < 6"
              + " AND EXTRACT(HOUR FROM ts AT TIME ZONE 'UTC') BETWEEN 14 AND 17")
          .params(rep, "past-" + i, yearAgo.atOffset(ZoneOffset.UTC),
              NOW.minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC))
          .update();
    }
    return blocks;
  }

  /** Books free starts in random order, through the real booking path, until there are {@link #BOOKINGS}. */
  private static int book(DemoBookings bookings, Random random) {
    List<Instant> starts = new ArrayList<>(bookings.slots(NOW, NOW.plus(Duration.ofDays(30))).starts());
    Collections.shuffle(starts, random);
    int booked = 0;
    for (int i = 0; booked < BOOKINGS && i < starts.size() * 3; i++) {
      Instant start = starts.get(i % starts.size());
      DemoBookings.Outcome outcome = bookings.book(new DemoBookings.NewBooking(UUID.randomUUID().toString(), start,
          "lead" + i + "@example.com", "Lead " + i, "Company " + i, null, Locale.forLanguageTag("es"),
          ZoneId.of("America/Bogota"), null, null));
      if (outcome instanceof DemoBookings.Booked) {
        booked++;
      }
    }
    return booked;
  }

  private static RepSettings repSettings(int i, Random random) {
    int[] lengths = {30, 45, 60, 20, 30};
    int[] buffers = {0, 5, 10, 15};
    Map<DayOfWeek, List<Hours>> hours = new EnumMap<>(DayOfWeek.class);
    int opens = 7 + random.nextInt(4);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day == DayOfWeek.SUNDAY || day == DayOfWeek.SATURDAY && i % 4 != 0) {
        continue;
      }
      hours.put(day, i % 3 == 0
          ? List.of(new Hours(LocalTime.of(opens, 0), LocalTime.of(12, 30)), new Hours(LocalTime.of(14, 0),
              LocalTime.of(18, 0)))
          : List.of(new Hours(LocalTime.of(opens, 30), LocalTime.of(opens + 8, 30))));
    }
    return new RepSettings("bench-rep-" + i, ZONES.get(i % ZONES.size()), lengths[i % lengths.length],
        buffers[i % buffers.length], buffers[(i + 1) % buffers.length], 60 * (1 + i % 6), 6 + i % 5, null,
        i % 2 == 0 ? "calendar-" + i : null, true, hours);
  }

  private static double percentile(double[] sorted, double p) {
    return sorted[Math.max(0, (int) Math.ceil(sorted.length * p) - 1)];
  }

  /** The booking core's own beans; everything around it stands in. */
  @Configuration
  @EnableTransactionManagement
  @ComponentScan(basePackages = "io.escala.demos", useDefaultFilters = false, includeFilters = @ComponentScan.Filter(
      type = FilterType.REGEX, pattern = "io\\.escala\\.demos\\.(DemoBookings|DemoReps|RepBusyTimes)"))
  static class BookingCore {

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource() {
      PostgresTestDatabase.Database database = PostgresTestDatabase.get();
      HikariDataSource dataSource = new HikariDataSource();
      dataSource.setJdbcUrl(database.url());
      if (database.username() != null) {
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
      }
      dataSource.setMaximumPoolSize(4);
      return dataSource;
    }

    @Bean
    JdbcClient jdbcClient(DataSource dataSource) {
      return JdbcClient.create(dataSource);
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Bean
    DemoProperties demoProperties() {
      return new DemoProperties("sales", Locale.forLanguageTag("es"), Duration.ofMinutes(15), Duration.ofDays(30),
          List.of(Duration.ofHours(24)), "https://meet.jit.si/", Duration.ZERO, List.of(Duration.ofDays(1)),
          Duration.ofDays(1), Duration.ofDays(45), new DemoProperties.Defaults(ZoneId.of("America/Mexico_City"), 30,
              10, 10, 240, 6, LocalTime.of(9, 0), LocalTime.of(17, 0)));
    }

    @Bean
    IdentityService identityService() {
      IdentityService identity = mock(IdentityService.class);
      UserQuery query = mock(UserQuery.class, RETURNS_SELF);
      List<User> members = new ArrayList<>();
      for (int i = 0; i < REPS; i++) {
        members.add(new UserEntity("bench-rep-" + i));
      }
      when(query.list()).thenReturn(members);
      when(identity.createUserQuery()).thenReturn(query);
      return identity;
    }

    @Bean
    RuntimeService runtimeService() {
      return mock(RuntimeService.class);
    }

    @Bean
    CaseMessages caseMessages() {
      return mock(CaseMessages.class);
    }

    /** Two meetings a day in each connected calendar, answered at once. */
    @Bean
    StaffCalendar staffCalendar() {
      return new StaffCalendar() {
        @Override
        public String provider() {
          return "bench";
        }

        @Override
        public List<BusyInterval> busy(CalendarRef calendar, Instant from, Instant to) {
          List<BusyInterval> busy = new ArrayList<>();
          for (Instant day = from.truncatedTo(ChronoUnit.DAYS); day.isBefore(to); day = day.plus(Duration.ofDays(1))) {
            busy.add(new BusyInterval(day.plus(Duration.ofHours(15)), day.plus(Duration.ofMinutes(15 * 60 + 45))));
            busy.add(new BusyInterval(day.plus(Duration.ofHours(19)), day.plus(Duration.ofHours(20))));
          }
          return busy;
        }

        @Override
        public void put(CalendarRef calendar, CalendarEvent event) {}

        @Override
        public void remove(CalendarRef calendar, String uid) {}
      };
    }
  }
}
