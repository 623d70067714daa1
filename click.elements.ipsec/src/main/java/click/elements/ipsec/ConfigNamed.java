package click.elements.ipsec;

/** An algorithm known by a name in SA specifications ({@code aes-cbc}, {@code hmac-sha1-96}). */
interface ConfigNamed {
    String configName();

    /** The value called {@code name} (ignoring case), or null. */
    static <T extends ConfigNamed> T byName(T[] values, String name) {
        for (T v : values) {
            if (v.configName().equalsIgnoreCase(name)) {
                return v;
            }
        }
        return null;
    }

    /** The names, comma-separated, for error messages. */
    static String names(ConfigNamed[] values) {
        StringBuilder sb = new StringBuilder();
        for (ConfigNamed v : values) {
            sb.append(sb.length() == 0 ? "" : ", ").append(v.configName());
        }
        return sb.toString();
    }
}
