// The SMP Click paper's VPN gateway (section 5.3, eight tunnels; see vpn-gateway-lib.click),
// device-free: interface n reads the frames it "receives" from IN<n> and writes what it sends to
// OUT<n>; packets for the router itself go to HOST (raw IP). Interface 1 is the outside link.
//   click conf/vpn-gateway-pcap.click IN0=in0.pcap IN1=in1.pcap OUT0=out0.pcap OUT1=out1.pcap HOST=host.pcap
// Neighbours' Ethernet addresses come from ARP replies in the input files, or from the ARPQueriers'
// insert handlers (r/arpq0.insert, r/arpq1.insert) written before the router runs.

require(library vpn-router-lib.click);
require(library vpn-gateway-lib.click);

define($IN0 in0.pcap, $IN1 in1.pcap, $OUT0 out0.pcap, $OUT1 out1.pcap, $HOST host.pcap);

in0 :: FromDump($IN0) -> [0]r;
in1 :: FromDump($IN1) -> [1]r;
r[0] -> out0 :: ToDump($OUT0);
r[1] -> out1 :: ToDump($OUT1);
r[2] -> host :: ToDump($HOST, ENCAP IP);

DriverManager(label reading, wait 10ms,
              goto reading $(lt $(in0.filepos) $(in0.filesize)),
              goto reading $(lt $(in1.filepos) $(in1.filesize)),
              stop);
