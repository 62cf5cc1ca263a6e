-- Escala's own LMS (escala.lms.provider=built-in): a course's ordered lessons, who is enrolled, what each completed.
CREATE TABLE lms_course_lesson (
  course_id  VARCHAR(100) NOT NULL,
  lesson_id  VARCHAR(100) NOT NULL,
  position   INTEGER      NOT NULL,
  title      VARCHAR(300) NOT NULL,
  PRIMARY KEY (course_id, lesson_id)
);

CREATE TABLE lms_enrollment (
  learner_key  VARCHAR(320) NOT NULL,
  course_id    VARCHAR(100) NOT NULL,
  first_name   VARCHAR(200) NOT NULL,
  last_name    VARCHAR(200) NOT NULL,
  enrolled_at  TIMESTAMP    NOT NULL,
  PRIMARY KEY (learner_key, course_id)
);

CREATE TABLE lms_lesson_completion (
  learner_key   VARCHAR(320) NOT NULL,
  course_id     VARCHAR(100) NOT NULL,
  lesson_id     VARCHAR(100) NOT NULL,
  completed_at  TIMESTAMP    NOT NULL,
  PRIMARY KEY (learner_key, course_id, lesson_id),
  FOREIGN KEY (learner_key, course_id) REFERENCES lms_enrollment (learner_key, course_id),
  FOREIGN KEY (course_id, lesson_id) REFERENCES lms_course_lesson (course_id, lesson_id)
);
