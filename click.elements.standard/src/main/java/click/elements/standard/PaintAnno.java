package click.elements.standard;

import click.api.Arg;
import click.api.Packet;

/**
 * Where Paint and PaintTee keep their colour: the paint annotation, or one user annotation byte
 * chosen by the ANNO keyword ({@code PAINT}, the default, or a byte offset 0 to
 * {@value Packet#USER_ANNO_SIZE}-1).
 */
final class PaintAnno {
    /** The ANNO value meaning "the paint annotation". */
    static final int PAINT = -1;

    private PaintAnno() {
    }

    /** Reads ANNO; a bad value is recorded as an error in the argument's Args. */
    static int parse(Arg anno) {
        if (!anno.present() || anno.raw().trim().equalsIgnoreCase("PAINT")) {
            return PAINT;
        }
        return anno.asInt(PAINT, 0, Packet.USER_ANNO_SIZE - 1);
    }

    static int get(Packet p, int anno) {
        return anno == PAINT ? p.paint() : p.userAnnoU8(anno);
    }

    static void set(Packet p, int anno, int color) {
        if (anno == PAINT) {
            p.setPaint(color);
        } else {
            p.setUserAnnoU8(anno, color);
        }
    }
}
