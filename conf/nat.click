// nat.click -- the SMP Click paper's Figure 8 network address translator inserted into its
// Figure 2 IP router, on two network devices (needs root and the click.devices bundle). Interface
// 0 is the inside network, interface 1 the outside world:
//   click conf/nat.click DEV0=eth0 DEV1=eth1 INSIDE=198.51.100.0/24 EXT0=192.0.2.1 ...
// The NAT alone on pcap files, without root: nat-pcap.click. The NAT, NAT4, is in nat-lib.click.
//
// As in the paper, packets arriving from outside meet the rewriters before the router's route
// lookup, and packets from inside hosts meet them after it, on their way out of interface 1:
//  - an IP packet arriving on interface 1 for one of the external addresses EXT0-EXT3 is translated
//    back to its inside host (or dropped if it belongs to no flow), then routed;
//  - an IP packet leaving by interface 1 whose source is in INSIDE gets source EXTn and a port of
//    rewriter n, n chosen by its destination address. The router's own packets leave unchanged.
// ARP and the router's own addresses work as in ip-router.click. The outside world needs a route
// to EXT0-EXT3 through ADDR1 (or ARP proxying), none to INSIDE.

require(library ip-router-lib.click);
require(library nat-lib.click);

define($DEV0 eth0, $ADDR0 198.51.100.1, $PREFIX0 198.51.100.1/24, $BCAST0 198.51.100.255, $ETH0 02:00:00:00:00:01,
       $DEV1 eth1, $ADDR1 203.0.113.1,  $PREFIX1 203.0.113.1/24,  $BCAST1 203.0.113.255,  $ETH1 02:00:00:00:01:01,
       $GW 203.0.113.254, $INSIDE 198.51.100.0/24,
       $EXT0 192.0.2.1, $EXT1 192.0.2.2, $EXT2 192.0.2.3, $EXT3 192.0.2.4, $QCAP 1000);

r :: IPRouter2($ADDR0, $PREFIX0, $BCAST0, $ETH0, $ADDR1, $PREFIX1, $BCAST1, $ETH1, $GW);
nat :: NAT4($EXT0, $EXT1, $EXT2, $EXT3);

// interface 0, inside
FromDevice($DEV0) -> [0]r;
r[0] -> q0 :: Queue($QCAP) -> ToDevice($DEV0);

// interface 1, outside: IP frames pass the NAT on their way in (before the router's lookup) ...
FromDevice($DEV1) -> arriving :: Classifier(12/0800, -);
arriving[0] -> Strip(14) -> CheckIPHeader -> [1]nat;
nat[1] -> routed :: Unstrip(14) -> [1]r;   // replies, back to their inside host
nat[2] -> routed;                          // for the router itself, or passing through
arriving[1] -> [1]r;                       // ARP

// ... and on their way out (after it): the inside hosts' packets are translated
r[1] -> leaving :: Classifier(12/0800, -);
leaving[0] -> Strip(14) -> from_inside :: IPClassifier(src net $INSIDE, -);
from_inside[0] -> [0]nat[0] -> sent :: Unstrip(14) -> q1 :: Queue($QCAP) -> ToDevice($DEV1);
from_inside[1] -> sent;                    // the router's own packets
leaving[1] -> q1;                          // ARP

r[2] -> host :: Counter -> Discard;   // Click's Figure 2 hands these to the kernel (ToHost)
