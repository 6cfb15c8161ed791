package dev.encore.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One numeric parameter of the live state, obtained once per path from {@link LiveState#param}
 * and kept by the caller. {@link #set} is safe from any thread, the host's audio thread included:
 * O(1), lock-free and allocation-free. It swaps the value's bits atomically and adds the change of
 * the entry's hash to the live signature, so concurrent writers always leave the signature equal
 * to the values they left behind.
 */
public final class ParamHandle {
    /** Bits of an absent value: a NaN payload {@link Double#doubleToLongBits} never produces. */
    static final long ABSENT_BITS = 0x7ff8_dead_beef_0001L;

    private static final VarHandle BITS;

    static {
        try {
            BITS = MethodHandles.lookup().findVarHandle(ParamHandle.class, "bits", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String path;
    private final long pathHash;
    private final LiveState owner;
    @SuppressWarnings("unused") // accessed through BITS
    private volatile long bits = ABSENT_BITS;
    /** True while a non-numeric value is stored for this path; a numeric set then removes it. */
    volatile boolean shadowed;

    ParamHandle(String path, LiveState owner) {
        this.path = path;
        this.pathHash = Signature.path(path);
        this.owner = owner;
    }

    /**
     * The parameter's path.
     *
     * @return the path it was obtained for
     */
    public String path() {
        return path;
    }

    /**
     * Sets the value. NaN is stored as a value (one canonical NaN), not as absence.
     *
     * @param value the new value
     */
    public void set(double value) {
        if (shadowed) {
            owner.dropText(this);
        }
        swap(Double.doubleToLongBits(value));
    }

    /**
     * The current value.
     *
     * @return the value, or NaN when the parameter is not set
     */
    public double get() {
        long b = (long) BITS.getVolatile(this);
        return b == ABSENT_BITS ? Double.NaN : Double.longBitsToDouble(b);
    }

    /**
     * Whether the parameter holds a numeric value.
     *
     * @return true when set
     */
    public boolean isSet() {
        return (long) BITS.getVolatile(this) != ABSENT_BITS;
    }

    /** Removes the numeric value; the path no longer appears in snapshots. */
    public void clear() {
        swap(ABSENT_BITS);
    }

    long bits() {
        return (long) BITS.getVolatile(this);
    }

    private void swap(long newBits) {
        long old = (long) BITS.getAndSet(this, newBits);
        if (old != newBits) {
            owner.changed(hash(newBits) - hash(old));
        }
    }

    private long hash(long b) {
        return b == ABSENT_BITS ? Signature.ABSENT : Signature.numeric(pathHash, b);
    }

    long pathHash() {
        return pathHash;
    }
}
