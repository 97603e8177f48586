package io.bactrian.channel;

/** What is wrong with one of a channel's settings, named without its prefix: {@code format}, "unknown format 'x'". */
public record SettingProblem(String setting, String message) {
}
