-- The learner's side of course enrollment: when the last nudge went out (shown in the stalled-learner task), and what
-- customer success recorded when it followed up a stalled learner.
ALTER TABLE course_enrollment ADD COLUMN last_nudge_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE course_enrollment ADD COLUMN stall_outcome VARCHAR(20);
ALTER TABLE course_enrollment ADD COLUMN stall_note VARCHAR(2000);
ALTER TABLE course_enrollment ADD COLUMN stall_recorded_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE course_enrollment ADD CONSTRAINT enrollment_stall_outcome
    CHECK (stall_outcome IS NULL OR stall_outcome IN ('REACHED', 'NO_ANSWER', 'DROPPED_OUT'));
