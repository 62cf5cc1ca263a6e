package io.escala.lms;

/**
 * A learner's progress in one course.
 *
 * @param completedActivities activities (lessons) the learner completed
 * @param totalActivities activities (lessons) with completion tracking in the course
 * @param completed whether the LMS considers the whole course completed
 */
public record LmsProgress(int completedActivities, int totalActivities, boolean completed) {

  public LmsProgress {
    if (completedActivities < 0 || totalActivities < 0 || completedActivities > totalActivities) {
      throw new IllegalArgumentException("Progress " + completedActivities + " of " + totalActivities);
    }
  }

  /** Whole per cent, rounded down, so 75 % is reached only when three quarters are really done. */
  public int percent() {
    return totalActivities == 0 ? (completed ? 100 : 0) : completedActivities * 100 / totalActivities;
  }
}
