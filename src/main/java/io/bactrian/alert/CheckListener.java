package io.bactrian.alert;

import io.bactrian.core.CheckResult;

/** Told of every check that reaches an alert rule: one-shot runs collect their results this way. */
public interface CheckListener {
    void checked(CheckResult result);
}
