package click.elements.standard;

import click.api.Arg;
import click.api.Args;
import click.api.Packet;

/**
 * The colour of Paint and PaintTee and where it lives: the paint annotation, or one user annotation
 * byte chosen by the ANNO keyword ({@code PAINT}, the default, or a byte offset 0 to
 * {@value Packet#USER_ANNO_SIZE}-1).
 *
 * @param color the colour, 0 to 255
 * @param anno  {@link #PAINT} or a user annotation byte offset
 */
record PaintAnno(int color, int anno) {
    /** The ANNO value meaning "the paint annotation". */
    static final int PAINT = -1;

    /** Reads COLOR (required, positional) and ANNO (optional); errors are recorded in {@code args}. */
    static PaintAnno read(Args args) {
        int color = args.requiredPositional("COLOR").asInt(0, 0, 255);
        Arg anno = args.positional("ANNO");
        if (!anno.present() || anno.raw().trim().equalsIgnoreCase("PAINT")) {
            return new PaintAnno(color, PAINT);
        }
        return new PaintAnno(color, anno.asInt(PAINT, 0, Packet.USER_ANNO_SIZE - 1));
    }

    PaintAnno withColor(int c) {
        return new PaintAnno(c, anno);
    }

    /** Whether {@code p} carries this colour. */
    boolean matches(Packet p) {
        return (anno == PAINT ? p.paint() : p.userAnnoU8(anno)) == color;
    }

    /** Paints {@code p} with this colour. */
    void paint(Packet p) {
        if (anno == PAINT) {
            p.setPaint(color);
        } else {
            p.setUserAnnoU8(anno, color);
        }
    }
}
