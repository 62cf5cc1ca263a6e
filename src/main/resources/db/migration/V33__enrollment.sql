-- Course enrollment: the catalog (courses and their cohorts or live webinars), and one row per person and cohort.
-- Seats are counted on the cohort row and the CHECK keeps the count within capacity, so a rush of enrollments can
-- never take more seats than there are, whatever the application does (Enrollments.takeSeat).

CREATE TABLE course (
    id              BIGSERIAL PRIMARY KEY,
    slug            VARCHAR(80)   NOT NULL UNIQUE,
    title           VARCHAR(200)  NOT NULL,
    summary         VARCHAR(2000) NOT NULL,
    language        VARCHAR(10)   NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    lms_course_id   VARCHAR(100),
    lessons         INTEGER       NOT NULL DEFAULT 0,
    published       BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT course_kind CHECK (kind IN ('COURSE', 'WEBINAR')),
    CONSTRAINT course_language CHECK (language IN ('es', 'pt-BR', 'en')),
    CONSTRAINT course_lessons CHECK (lessons >= 0)
);

CREATE TABLE course_cohort (
    id               BIGSERIAL PRIMARY KEY,
    course_id        BIGINT        NOT NULL REFERENCES course (id),
    code             VARCHAR(60)   NOT NULL UNIQUE,
    starts_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    time_zone        VARCHAR(60)   NOT NULL,
    capacity         INTEGER       NOT NULL,
    seats_taken      INTEGER       NOT NULL DEFAULT 0,
    price_minor      BIGINT,
    currency         VARCHAR(3),
    join_url         VARCHAR(500),
    replay_url       VARCHAR(500),
    enrollment_open  BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT cohort_capacity CHECK (capacity >= 0),
    CONSTRAINT cohort_seats CHECK (seats_taken >= 0 AND seats_taken <= capacity),
    CONSTRAINT cohort_times CHECK (ends_at > starts_at),
    CONSTRAINT cohort_price CHECK ((price_minor IS NULL AND currency IS NULL)
        OR (price_minor > 0 AND currency IN ('MXN', 'COP', 'ARS', 'BRL', 'CLP', 'PEN', 'USD')))
);
CREATE INDEX course_cohort_course ON course_cohort (course_id, starts_at);

CREATE TABLE course_enrollment (
    id                BIGSERIAL PRIMARY KEY,
    enrollment_key    VARCHAR(40)   NOT NULL UNIQUE,
    business_key      VARCHAR(330)  NOT NULL UNIQUE,
    cohort_id         BIGINT        NOT NULL REFERENCES course_cohort (id),
    email             VARCHAR(254)  NOT NULL,
    name              VARCHAR(200)  NOT NULL,
    language          VARCHAR(10)   NOT NULL,
    country           VARCHAR(2),
    time_zone         VARCHAR(60)   NOT NULL,
    status            VARCHAR(20)   NOT NULL,
    holds_seat        BOOLEAN       NOT NULL DEFAULT FALSE,
    offer_expires_at  TIMESTAMP WITH TIME ZONE,
    payment_method    VARCHAR(20),
    payment_due_at    TIMESTAMP WITH TIME ZONE,
    paid_at           TIMESTAMP WITH TIME ZONE,
    transfer_reference VARCHAR(100),
    enrolled_at       TIMESTAMP WITH TIME ZONE,
    lms_user_id       VARCHAR(100),
    progress_percent  INTEGER       NOT NULL DEFAULT 0,
    progress_at       TIMESTAMP WITH TIME ZONE,
    milestone_sent    INTEGER       NOT NULL DEFAULT 0,
    attended_at       TIMESTAMP WITH TIME ZONE,
    completed_at      TIMESTAMP WITH TIME ZONE,
    certificate_code  VARCHAR(40),
    ended_reason      VARCHAR(40),
    ended_at          TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT enrollment_once UNIQUE (cohort_id, email),
    CONSTRAINT enrollment_status CHECK (status IN ('RESERVED', 'WAITLISTED', 'OFFERED', 'ENROLLED', 'COMPLETED',
        'RELEASED', 'ACCESS_ENDED')),
    CONSTRAINT enrollment_method CHECK (payment_method IS NULL OR payment_method IN ('CARD', 'PIX', 'TRANSFER')),
    CONSTRAINT enrollment_progress CHECK (progress_percent BETWEEN 0 AND 100)
);
-- A waitlist is served in arrival order: the order of the ids, which the insert takes from the BIGSERIAL sequence.
CREATE INDEX course_enrollment_waitlist ON course_enrollment (cohort_id, status, id);
CREATE INDEX course_enrollment_email ON course_enrollment (email);
