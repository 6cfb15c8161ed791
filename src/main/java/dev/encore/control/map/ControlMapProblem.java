package dev.encore.control.map;

/**
 * One thing wrong in osc-map.yaml (or a file it includes), with where it is and what to write
 * instead. Printed as {@code osc-map.yaml line 12, column 3: unknown key 'swich_policy'; did you mean 'switch_policy'?}.
 */
public record ControlMapProblem(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + " line " + line + ", column " + column + ": " + message;
    }
}
