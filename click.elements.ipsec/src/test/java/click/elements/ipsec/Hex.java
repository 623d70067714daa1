package click.elements.ipsec;

import java.util.HexFormat;

/** Hex test data, with spaces allowed for readability. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
    }

    static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static byte[] repeat(int value, int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }
}
