package io.escala.crm;

import java.util.List;

/** A built-in contact with its timeline, newest activity first. */
public record ContactHistory(BuiltInContact contact, List<ContactActivity> activities) {}
