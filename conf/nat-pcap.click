// nat-pcap.click -- the paper's Figure 8 network address translator, device-free: packets come
// from pcap files and go to pcap files, so it runs anywhere without root. The same NAT inside the
// IP router, on network devices: nat.click.
//
//   click conf/nat-pcap.click INSIDE=inside.pcap OUTSIDE=outside.pcap TO_OUTSIDE=out.pcap TO_INSIDE=in.pcap
//
// Files hold raw IPv4 packets (link type IP; ToDump writes the same). INSIDE is traffic from the
// inside hosts, OUTSIDE traffic from the Internet: typically the replies to what a previous run
// wrote to TO_OUTSIDE. The inside file is replayed first, then the outside one, then the router
// prints its counts and stops.
//
// Flows from inside are spread over four IPRewriters by destination address (HashDemux), each
// with its own external address and its own mapping table; packets from outside go to the
// rewriter that owns their destination address (IPClassifier); anything else is counted and
// dropped. The NAT itself, NAT4, is in nat-lib.click.

require(library nat-lib.click);

define($INSIDE inside.pcap, $OUTSIDE outside.pcap, $TO_OUTSIDE to-outside.pcap, $TO_INSIDE to-inside.pcap,
       $EXT0 192.0.2.1, $EXT1 192.0.2.2, $EXT2 192.0.2.3, $EXT3 192.0.2.4);

from_inside :: FromDump($INSIDE, FORCE_IP true);
from_outside :: FromDump($OUTSIDE, FORCE_IP true, ACTIVE false);
to_outside :: ToDump($TO_OUTSIDE, ENCAP IP);
to_inside :: ToDump($TO_INSIDE, ENCAP IP);

nat :: NAT4($EXT0, $EXT1, $EXT2, $EXT3);
from_inside -> CheckIPHeader -> [0]nat;
from_outside -> CheckIPHeader -> [1]nat;
nat[0] -> to_outside;
nat[1] -> to_inside;
nat[2] -> not_ours :: Counter -> Discard;

DriverManager(
    label inside, wait 10ms, goto inside $(lt $(from_inside.filepos) $(from_inside.filesize)),
    write from_outside.active true,
    label outside, wait 10ms, goto outside $(lt $(from_outside.filepos) $(from_outside.filesize)),
    wait 10ms,
    print "nat: to_outside=$(to_outside.count) to_inside=$(to_inside.count) not_ours=$(not_ours.count) mappings=$(add $(nat/rw0.table_size) $(nat/rw1.table_size) $(nat/rw2.table_size) $(nat/rw3.table_size)) failures=$(add $(nat/rw0.mapping_failures) $(nat/rw1.mapping_failures) $(nat/rw2.mapping_failures) $(nat/rw3.mapping_failures))",
    stop);
