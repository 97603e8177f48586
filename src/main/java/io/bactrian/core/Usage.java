package io.bactrian.core;

import java.util.List;

/** What every command of the jar does with {@code --help} and with an option it does not know. */
public final class Usage {
    private Usage() {
    }

    /** {@code --help} or {@code -h} among the arguments: the command prints its help and exits 0. */
    public static boolean asked(String[] args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    /** The one line for an option the command does not take; exit code 2 goes with it. */
    public static String unknown(String command, String option) {
        return command + ": unknown option '" + option + "' (see '" + command + " --help')";
    }
}
