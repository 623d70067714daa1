// The IP router of the SMP Click paper's Figure 2 (RFC 1812 forwarding) for two Ethernet
// interfaces, as one compound element. ip-router.click runs it on network devices,
// ip-router-pcap.click on pcap files (no root needed).
//
//   IPRouter2(ADDR0, PREFIX0, BCAST0, ETH0, ADDR1, PREFIX1, BCAST1, ETH1, GW)
//     ADDRn   interface n's IP address           198.51.100.1
//     PREFIXn the same with its prefix length     198.51.100.1/24
//     BCASTn  its directed broadcast address      198.51.100.255
//     ETHn    its Ethernet address                02:00:00:00:00:01
//     GW      default gateway, on interface 1     203.0.113.254
//   inputs:  [0] frames received on interface 0, [1] on interface 1
//   outputs: [0] frames to send on interface 0, [1] on interface 1,
//            [2] IP packets for the router itself (other than pings, which it answers)
//
// Interface n paints its packets n+1, so PaintTee(n+1) on the way out finds packets leaving by the
// interface they came in on (ICMP redirect).

elementclass IPRouter2 {
    $addr0, $prefix0, $bcast0, $eth0, $addr1, $prefix1, $bcast1, $eth1, $gw |

    // ARP queries, ARP replies, IP, other
    c0 :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);
    c1 :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);
    input[0] -> c0;
    input[1] -> c1;

    arpq0 :: ARPQuerier($addr0, $eth0) -> [0]output;
    arpq1 :: ARPQuerier($addr1, $eth1) -> [1]output;
    c0[0] -> ARPResponder($addr0 $eth0) -> [0]output;
    c1[0] -> ARPResponder($addr1 $eth1) -> [1]output;
    c0[1] -> [1]arpq0;
    c1[1] -> [1]arpq1;

    rt :: RadixIPLookup($addr0/32 0, $bcast0/32 0, $addr1/32 0, $bcast1/32 0,
                        $prefix0 1, $prefix1 2, 0.0.0.0/0 $gw 2);

    ip :: Strip(14) -> CheckIPHeader(INTERFACES $prefix0 $prefix1) -> GetIPAddress(16) -> [0]rt;
    c0[2] -> Paint(1) -> ip;
    c1[2] -> Paint(2) -> ip;

    // for the router itself: answer pings, hand the rest to the host
    rt[0] -> ping :: IPClassifier(icmp type echo, -);
    ping[0] -> ICMPPingResponder -> rt;
    ping[1] -> [2]output;

    rt[1] -> DropBroadcasts -> cp0 :: PaintTee(1) -> gio0 :: IPGWOptions($addr0) -> FixIPSrc($addr0)
          -> dt0 :: DecIPTTL -> fr0 :: IPFragmenter(1500) -> [0]arpq0;
    rt[2] -> DropBroadcasts -> cp1 :: PaintTee(2) -> gio1 :: IPGWOptions($addr1) -> FixIPSrc($addr1)
          -> dt1 :: DecIPTTL -> fr1 :: IPFragmenter(1500) -> [0]arpq1;

    dt0[1] -> ICMPError($addr0, timeexceeded) -> rt;
    dt1[1] -> ICMPError($addr1, timeexceeded) -> rt;
    fr0[1] -> ICMPError($addr0, unreachable, needfrag) -> rt;
    fr1[1] -> ICMPError($addr1, unreachable, needfrag) -> rt;
    gio0[1] -> ICMPError($addr0, parameterproblem) -> rt;
    gio1[1] -> ICMPError($addr1, parameterproblem) -> rt;
    cp0[1] -> ICMPError($addr0, redirect, host) -> rt;
    cp1[1] -> ICMPError($addr1, redirect, host) -> rt;

    c0[3] -> Discard;
    c1[3] -> Discard;
}

// The same router for four Ethernet interfaces, as in the paper's experiments (section 5.1: four
// gigabit interfaces, PollDevice and ToDevice on each).
//
//   IPRouter4(ADDR0, PREFIX0, BCAST0, ETH0, ..., ADDR3, PREFIX3, BCAST3, ETH3)
//   inputs:  [n] frames received on interface n (n = 0..3)
//   outputs: [n] frames to send on interface n, [4] IP packets for the router itself
// There is no default route: every destination is on one of the four networks.

elementclass IPRouter4 {
    $addr0, $prefix0, $bcast0, $eth0, $addr1, $prefix1, $bcast1, $eth1,
    $addr2, $prefix2, $bcast2, $eth2, $addr3, $prefix3, $bcast3, $eth3 |

    c0 :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);
    c1 :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);
    c2 :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);
    c3 :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);
    input[0] -> c0;
    input[1] -> c1;
    input[2] -> c2;
    input[3] -> c3;

    arpq0 :: ARPQuerier($addr0, $eth0) -> [0]output;
    arpq1 :: ARPQuerier($addr1, $eth1) -> [1]output;
    arpq2 :: ARPQuerier($addr2, $eth2) -> [2]output;
    arpq3 :: ARPQuerier($addr3, $eth3) -> [3]output;
    c0[0] -> ARPResponder($addr0 $eth0) -> [0]output;
    c1[0] -> ARPResponder($addr1 $eth1) -> [1]output;
    c2[0] -> ARPResponder($addr2 $eth2) -> [2]output;
    c3[0] -> ARPResponder($addr3 $eth3) -> [3]output;
    c0[1] -> [1]arpq0;
    c1[1] -> [1]arpq1;
    c2[1] -> [1]arpq2;
    c3[1] -> [1]arpq3;

    rt :: RadixIPLookup($addr0/32 0, $bcast0/32 0, $addr1/32 0, $bcast1/32 0,
                        $addr2/32 0, $bcast2/32 0, $addr3/32 0, $bcast3/32 0,
                        $prefix0 1, $prefix1 2, $prefix2 3, $prefix3 4);

    ip :: Strip(14) -> CheckIPHeader(INTERFACES $prefix0 $prefix1 $prefix2 $prefix3) -> GetIPAddress(16) -> [0]rt;
    c0[2] -> Paint(1) -> ip;
    c1[2] -> Paint(2) -> ip;
    c2[2] -> Paint(3) -> ip;
    c3[2] -> Paint(4) -> ip;

    rt[0] -> ping :: IPClassifier(icmp type echo, -);
    ping[0] -> ICMPPingResponder -> rt;
    ping[1] -> [4]output;

    rt[1] -> DropBroadcasts -> cp0 :: PaintTee(1) -> gio0 :: IPGWOptions($addr0) -> FixIPSrc($addr0)
          -> dt0 :: DecIPTTL -> fr0 :: IPFragmenter(1500) -> [0]arpq0;
    rt[2] -> DropBroadcasts -> cp1 :: PaintTee(2) -> gio1 :: IPGWOptions($addr1) -> FixIPSrc($addr1)
          -> dt1 :: DecIPTTL -> fr1 :: IPFragmenter(1500) -> [0]arpq1;
    rt[3] -> DropBroadcasts -> cp2 :: PaintTee(3) -> gio2 :: IPGWOptions($addr2) -> FixIPSrc($addr2)
          -> dt2 :: DecIPTTL -> fr2 :: IPFragmenter(1500) -> [0]arpq2;
    rt[4] -> DropBroadcasts -> cp3 :: PaintTee(4) -> gio3 :: IPGWOptions($addr3) -> FixIPSrc($addr3)
          -> dt3 :: DecIPTTL -> fr3 :: IPFragmenter(1500) -> [0]arpq3;

    dt0[1] -> ICMPError($addr0, timeexceeded) -> rt;
    dt1[1] -> ICMPError($addr1, timeexceeded) -> rt;
    dt2[1] -> ICMPError($addr2, timeexceeded) -> rt;
    dt3[1] -> ICMPError($addr3, timeexceeded) -> rt;
    fr0[1] -> ICMPError($addr0, unreachable, needfrag) -> rt;
    fr1[1] -> ICMPError($addr1, unreachable, needfrag) -> rt;
    fr2[1] -> ICMPError($addr2, unreachable, needfrag) -> rt;
    fr3[1] -> ICMPError($addr3, unreachable, needfrag) -> rt;
    gio0[1] -> ICMPError($addr0, parameterproblem) -> rt;
    gio1[1] -> ICMPError($addr1, parameterproblem) -> rt;
    gio2[1] -> ICMPError($addr2, parameterproblem) -> rt;
    gio3[1] -> ICMPError($addr3, parameterproblem) -> rt;
    cp0[1] -> ICMPError($addr0, redirect, host) -> rt;
    cp1[1] -> ICMPError($addr1, redirect, host) -> rt;
    cp2[1] -> ICMPError($addr2, redirect, host) -> rt;
    cp3[1] -> ICMPError($addr3, redirect, host) -> rt;

    c0[3] -> Discard;
    c1[3] -> Discard;
    c2[3] -> Discard;
    c3[3] -> Discard;
}
