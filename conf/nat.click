// nat.click -- the paper's Figure 8 network address translator, device-free: packets come from
// pcap files and go to pcap files, so it runs anywhere without root.
//
//   click conf/nat.click INSIDE=inside.pcap OUTSIDE=outside.pcap TO_OUTSIDE=out.pcap TO_INSIDE=in.pcap
//
// Files hold raw IPv4 packets (link type IP; ToDump writes the same). INSIDE is traffic from the
// inside hosts, OUTSIDE traffic from the Internet: typically the replies to what a previous run
// wrote to TO_OUTSIDE. The inside file is replayed first, then the outside one, then the router
// prints its counts and stops.
//
// Flows from inside are spread over four IPRewriters by destination address (HashDemux), each
// with its own external address and its own mapping table; packets from outside go to the
// rewriter that owns their destination address (IPClassifier); anything else is dropped. To run
// it between interfaces, replace the FromDump/ToDump pairs by FromDevice/ToDevice with the
// Ethernet and ARP handling of the IP router.

define($INSIDE inside.pcap, $OUTSIDE outside.pcap, $TO_OUTSIDE to-outside.pcap, $TO_INSIDE to-inside.pcap)

from_inside :: FromDump($INSIDE, FORCE_IP true);
from_outside :: FromDump($OUTSIDE, FORCE_IP true, ACTIVE false);
to_outside :: ToDump($TO_OUTSIDE, ENCAP IP);
to_inside :: ToDump($TO_INSIDE, ENCAP IP);

from_inside -> CheckIPHeader -> hd :: HashDemux(16, 4);   // bytes 16-19: the destination address
from_outside -> CheckIPHeader
  -> cl :: IPClassifier(dst host 192.0.2.1, dst host 192.0.2.2, dst host 192.0.2.3, dst host 192.0.2.4, -);

rw0 :: IPRewriter(pattern 192.0.2.1 1024-65535 - - 0 1, drop);
rw1 :: IPRewriter(pattern 192.0.2.2 1024-65535 - - 0 1, drop);
rw2 :: IPRewriter(pattern 192.0.2.3 1024-65535 - - 0 1, drop);
rw3 :: IPRewriter(pattern 192.0.2.4 1024-65535 - - 0 1, drop);

hd[0] -> [0]rw0;  hd[1] -> [0]rw1;  hd[2] -> [0]rw2;  hd[3] -> [0]rw3;
cl[0] -> [1]rw0;  cl[1] -> [1]rw1;  cl[2] -> [1]rw2;  cl[3] -> [1]rw3;
cl[4] -> not_ours :: Counter -> Discard;

rw0[0] -> to_outside;  rw1[0] -> to_outside;  rw2[0] -> to_outside;  rw3[0] -> to_outside;
rw0[1] -> to_inside;   rw1[1] -> to_inside;   rw2[1] -> to_inside;   rw3[1] -> to_inside;

DriverManager(
    label inside, wait 10ms, goto inside $(lt $(from_inside.filepos) $(from_inside.filesize)),
    write from_outside.active true,
    label outside, wait 10ms, goto outside $(lt $(from_outside.filepos) $(from_outside.filesize)),
    wait 10ms,
    print "nat: to_outside=$(to_outside.count) to_inside=$(to_inside.count) not_ours=$(not_ours.count) mappings=$(add $(rw0.table_size) $(rw1.table_size) $(rw2.table_size) $(rw3.table_size)) failures=$(add $(rw0.mapping_failures) $(rw1.mapping_failures) $(rw2.mapping_failures) $(rw3.mapping_failures))",
    stop);
