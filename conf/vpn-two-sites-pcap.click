// Two VPN gateways tunnelling between two sites, device-free, in one router process: gateway a
// (inside 198.51.100.0/24, outside 203.0.113.1) and gateway b (inside 10.1.0.0/16, outside
// 203.0.113.11), each the Figure 2 router with Figures 5 and 6 inserted (VPNRouter2), joined by
// their outside interfaces as if by a cable. Each gateway has its own SA database holding the two
// one-way SAs of the tunnel, as two machines would; AES-GCM here (the paper's 3DES + SHA-1 is in
// vpn-gateway-lib.click).
//   click conf/vpn-two-sites-pcap.click INA=a-in.pcap OUTA=a-out.pcap INB=b-in.pcap OUTB=b-out.pcap WIRE=wire.pcap
// INA/OUTA are site a's inside link (frames from and to its hosts), INB/OUTB site b's; WIRE records
// the outside link in both directions: only ESP (and ARP) crosses it. Hosts' Ethernet addresses
// come from ARP replies in the input files or from a/arpq0.insert and b/arpq0.insert.
// THE KEYS BELOW ARE PUBLIC TEST KEYS.

require(library vpn-router-lib.click);

define($INA a-in.pcap, $OUTA a-out.pcap, $INB b-in.pcap, $OUTB b-out.pcap, $WIRE wire.pcap);

a :: VPNRouter2(198.51.100.1, 198.51.100.1/24, 198.51.100.255, 02:00:00:00:0a:00,
                203.0.113.1, 203.0.113.1/24, 203.0.113.255, 02:00:00:00:0a:01, 203.0.113.254);
b :: VPNRouter2(10.1.0.1, 10.1.0.1/16, 10.1.255.255, 02:00:00:00:0b:00,
                203.0.113.11, 203.0.113.11/24, 203.0.113.255, 02:00:00:00:0b:01, 203.0.113.254);

sada :: IPsecSADatabase(
  a_to_b SPI 0x1001 SRC 203.0.113.1 DST 203.0.113.11 ENC aes-gcm-16 KEY 0x4c80cdefbb5d10da906ac73c3613a6342e443b68,
  b_to_a SPI 0x2001 SRC 203.0.113.11 DST 203.0.113.1 ENC aes-gcm-16 KEY 0xfeffe9928665731c6d6a8f9467308308cafebabe);
sadb :: IPsecSADatabase(
  a_to_b SPI 0x1001 SRC 203.0.113.1 DST 203.0.113.11 ENC aes-gcm-16 KEY 0x4c80cdefbb5d10da906ac73c3613a6342e443b68,
  b_to_a SPI 0x2001 SRC 203.0.113.11 DST 203.0.113.1 ENC aes-gcm-16 KEY 0xfeffe9928665731c6d6a8f9467308308cafebabe);

// gateway a: Figure 5 toward site b, Figure 6 from it
a[3] -> atun :: IPClassifier(dst net 10.1.0.0/16, -);
atun[0] -> aenc :: IPsecESPEncap(sada, a_to_b) -> [2]a;
atun[1] -> [3]a;
a[4] -> adec :: IPsecESPUnencap(sada) -> [2]a;

// gateway b: Figure 5 toward site a, Figure 6 from it
b[3] -> btun :: IPClassifier(dst net 198.51.100.0/24, -);
btun[0] -> benc :: IPsecESPEncap(sadb, b_to_a) -> [2]b;
btun[1] -> [3]b;
b[4] -> bdec :: IPsecESPUnencap(sadb) -> [2]b;

// the outside link, recorded in both directions
a[1] -> ab :: Tee(2) -> [1]b;
b[1] -> ba :: Tee(2) -> [1]a;
ab[1] -> wire :: ToDump($WIRE);
ba[1] -> wire;

// the inside links
ina :: FromDump($INA) -> [0]a;
inb :: FromDump($INB) -> [0]b;
a[0] -> outa :: ToDump($OUTA);
b[0] -> outb :: ToDump($OUTB);
a[2] -> Discard;
b[2] -> Discard;

DriverManager(label reading, wait 10ms,
              goto reading $(lt $(ina.filepos) $(ina.filesize)),
              goto reading $(lt $(inb.filepos) $(inb.filesize)),
              stop);
