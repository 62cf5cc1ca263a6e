package io.escala.enrollment;

import java.util.Locale;

/**
 * The staff page's course form, as typed: the number of lessons is text until {@link #draft} reads it, so a typo comes
 * back as a message next to the form. Everything else is checked by {@link CourseCatalog#save(CourseCatalog.CourseDraft)}.
 */
public class CourseForm {

  private String slug;
  private String title;
  private String summary;
  private String language = "es";
  private String kind = Course.Kind.COURSE.name();
  private String lmsCourseId;
  private String lessons = "0";
  private boolean published = true;

  static CourseForm of(Course course) {
    CourseForm form = new CourseForm();
    form.slug = course.slug();
    form.title = course.title();
    form.summary = course.summary();
    form.language = course.language().toLanguageTag();
    form.kind = course.kind().name();
    form.lmsCourseId = course.lmsCourseId();
    form.lessons = String.valueOf(course.lessons());
    form.published = course.published();
    return form;
  }

  /** The draft to save; a {@link CourseCatalog.CatalogException} names what cannot be read. */
  CourseCatalog.CourseDraft draft() {
    int lessonCount;
    try {
      lessonCount = Integer.parseInt(lessons == null ? "" : lessons.strip());
    } catch (NumberFormatException notANumber) {
      throw new CourseCatalog.CatalogException("enrollment.catalog.error.lessons");
    }
    Course.Kind parsedKind;
    try {
      parsedKind = Course.Kind.valueOf(kind == null ? "" : kind);
    } catch (IllegalArgumentException unknown) {
      throw new CourseCatalog.CatalogException("enrollment.catalog.error.kind");
    }
    Locale parsedLanguage = language == null || language.isBlank() ? null : Locale.forLanguageTag(language);
    return new CourseCatalog.CourseDraft(slug == null ? null : slug.strip(), title, summary, parsedLanguage,
        parsedKind, lmsCourseId, lessonCount, published);
  }

  public String getSlug() {
    return slug;
  }

  public void setSlug(String slug) {
    this.slug = slug;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public String getSummary() {
    return summary;
  }

  public void setSummary(String summary) {
    this.summary = summary;
  }

  public String getLanguage() {
    return language;
  }

  public void setLanguage(String language) {
    this.language = language;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getLmsCourseId() {
    return lmsCourseId;
  }

  public void setLmsCourseId(String lmsCourseId) {
    this.lmsCourseId = lmsCourseId;
  }

  public String getLessons() {
    return lessons;
  }

  public void setLessons(String lessons) {
    this.lessons = lessons;
  }

  public boolean isPublished() {
    return published;
  }

  public void setPublished(boolean published) {
    this.published = published;
  }
}
