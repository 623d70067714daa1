// The SMP Click paper's Figure 2 IP router, device-free: interface n reads the frames it
// "receives" from IN<n> and writes what it sends to OUT<n>; packets for the router itself go to
// HOST (raw IP). The router stops once both input files are read.
//   click conf/ip-router-pcap.click IN0=in0.pcap IN1=in1.pcap OUT0=out0.pcap OUT1=out1.pcap HOST=host.pcap
// Neighbours' Ethernet addresses come from ARP replies in the input files, or from the ARPQueriers'
// insert handlers (r/arpq0.insert, r/arpq1.insert) written before the router runs.

require(library ip-router-lib.click);

define($IN0 in0.pcap, $IN1 in1.pcap, $OUT0 out0.pcap, $OUT1 out1.pcap, $HOST host.pcap,
       $ADDR0 198.51.100.1, $PREFIX0 198.51.100.1/24, $BCAST0 198.51.100.255, $ETH0 02:00:00:00:00:01,
       $ADDR1 203.0.113.1,  $PREFIX1 203.0.113.1/24,  $BCAST1 203.0.113.255,  $ETH1 02:00:00:00:01:01,
       $GW 203.0.113.254);

r :: IPRouter2($ADDR0, $PREFIX0, $BCAST0, $ETH0, $ADDR1, $PREFIX1, $BCAST1, $ETH1, $GW);

in0 :: FromDump($IN0) -> [0]r;
in1 :: FromDump($IN1) -> [1]r;
r[0] -> out0 :: ToDump($OUT0);
r[1] -> out1 :: ToDump($OUT1);
r[2] -> host :: ToDump($HOST, ENCAP IP);

DriverManager(label reading, wait 10ms,
              goto reading $(lt $(in0.filepos) $(in0.filesize)),
              goto reading $(lt $(in1.filepos) $(in1.filesize)),
              stop);
