package io.bactrian.config;

import java.util.List;
import java.util.stream.Collectors;

import io.bactrian.core.Problem;

/** Thrown at start-up when the configuration has problems: the monitor never starts half-configured. */
public class ConfigProblemsException extends RuntimeException {
    private final transient List<Problem> problems;

    public ConfigProblemsException(List<Problem> problems) {
        super(problems.size() + " configuration problem(s):\n  "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
