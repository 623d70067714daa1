package click.api.net;

/**
 * Field offsets and constants of the headers routers touch, relative to the start of each header.
 * Read them through {@link click.api.Packet}'s big-endian accessors, e.g.
 * {@code p.u8(ip + Headers.IP_TTL)}.
 */
public final class Headers {
    private Headers() {
    }

    // Ethernet (14 bytes)
    public static final int ETHER_LEN = 14;
    public static final int ETHER_DST = 0;
    public static final int ETHER_SRC = 6;
    public static final int ETHER_TYPE = 12;
    public static final int ETHERTYPE_IP = 0x0800;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_IP6 = 0x86DD;

    // ARP for Ethernet/IPv4 (28 bytes)
    public static final int ARP_LEN = 28;
    public static final int ARP_HTYPE = 0;
    public static final int ARP_PTYPE = 2;
    public static final int ARP_HLEN = 4;
    public static final int ARP_PLEN = 5;
    public static final int ARP_OP = 6;
    public static final int ARP_SHA = 8;
    public static final int ARP_SPA = 14;
    public static final int ARP_THA = 18;
    public static final int ARP_TPA = 24;
    public static final int ARPOP_REQUEST = 1;
    public static final int ARPOP_REPLY = 2;

    // IPv4 (20 bytes without options)
    public static final int IP_MIN_LEN = 20;
    public static final int IP_VHL = 0;
    public static final int IP_TOS = 1;
    public static final int IP_LEN = 2;
    public static final int IP_ID = 4;
    public static final int IP_OFF = 6;
    public static final int IP_TTL = 8;
    public static final int IP_PROTO = 9;
    public static final int IP_SUM = 10;
    public static final int IP_SRC = 12;
    public static final int IP_DST = 16;
    public static final int IP_RF = 0x8000;
    public static final int IP_DF = 0x4000;
    public static final int IP_MF = 0x2000;
    public static final int IP_OFFMASK = 0x1FFF;
    public static final int IP_PROTO_ICMP = 1;
    public static final int IP_PROTO_IGMP = 2;
    public static final int IP_PROTO_TCP = 6;
    public static final int IP_PROTO_UDP = 17;
    public static final int IP_PROTO_ESP = 50;
    public static final int IP_PROTO_AH = 51;
    public static final int IP_PROTO_IPIP = 4;

    // ICMP (8 bytes)
    public static final int ICMP_LEN = 8;
    public static final int ICMP_TYPE = 0;
    public static final int ICMP_CODE = 1;
    public static final int ICMP_SUM = 2;
    public static final int ICMP_ID = 4;
    public static final int ICMP_SEQ = 6;
    public static final int ICMP_ECHO_REPLY = 0;
    public static final int ICMP_UNREACH = 3;
    public static final int ICMP_SOURCE_QUENCH = 4;
    public static final int ICMP_REDIRECT = 5;
    public static final int ICMP_ECHO = 8;
    public static final int ICMP_TIME_EXCEEDED = 11;
    public static final int ICMP_PARAM_PROBLEM = 12;

    // UDP (8 bytes)
    public static final int UDP_LEN = 8;
    public static final int UDP_SPORT = 0;
    public static final int UDP_DPORT = 2;
    public static final int UDP_LENGTH = 4;
    public static final int UDP_SUM = 6;

    // TCP (20 bytes without options)
    public static final int TCP_MIN_LEN = 20;
    public static final int TCP_SPORT = 0;
    public static final int TCP_DPORT = 2;
    public static final int TCP_SEQ = 4;
    public static final int TCP_ACK = 8;
    public static final int TCP_OFF = 12;
    public static final int TCP_FLAGS = 13;
    public static final int TCP_WIN = 14;
    public static final int TCP_SUM = 16;
    public static final int TCP_URP = 18;
    public static final int TH_FIN = 0x01;
    public static final int TH_SYN = 0x02;
    public static final int TH_RST = 0x04;
    public static final int TH_PUSH = 0x08;
    public static final int TH_ACK = 0x10;
    public static final int TH_URG = 0x20;
}
