package io.bactrian.core;

/**
 * A required endpoint parameter left empty. {@code validate} overlooks it in a route whose
 * {@code precondition} is false: such a route is not created, so it needs no target.
 */
public class MissingSetting extends IllegalArgumentException {
    public MissingSetting(String parameter) {
        super(parameter + " is not set");
    }
}
