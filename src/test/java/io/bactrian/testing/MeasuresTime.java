package io.bactrian.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test class or method that asserts how long something took (a timeout held, a takeover within a
 * window, timings as curl measures them). Surefire runs these after the others, in one JVM with no
 * other test beside it, so another test's CPU does not count in their figures (see the pom). Mark
 * the method where only some of a class's tests measure: the others then run with the rest.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("measures-time")
public @interface MeasuresTime {
}
