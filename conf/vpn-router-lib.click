// The SMP Click paper's Figure 2 IP router for two Ethernet interfaces, opened up for its
// section 5.3 VPN: the same elements as IPRouter2 (ip-router-lib.click), plus two places where
// the IPsec fragments of Figures 5 and 6 plug in. Interface 1 is the link to the outside world.
//
//   VPNRouter2(ADDR0, PREFIX0, BCAST0, ETH0, ADDR1, PREFIX1, BCAST1, ETH1, GW)
//     parameters as for IPRouter2
//   inputs:  [0] frames received on interface 0, [1] on interface 1,
//            [2] IP packets to route (what comes back from encryption or decryption),
//            [3] IP packets leaving by interface 1, back from Figure 5 (to be fragmented and sent)
//   outputs: [0] frames to send on interface 0, [1] on interface 1,
//            [2] IP packets for the router itself (other than pings and ESP),
//            [3] IP packets leaving by interface 1, after the TTL decrement: Figure 5's input,
//            [4] ESP packets addressed to interface 1: Figure 6's input
//
// Encrypted packets are routed again (input 2): an ESP packet addressed to a peer gateway goes
// out through the usual path, where Figure 5 lets it pass, and is resolved by ARP toward the peer
// or the gateway, so peers need not be on the outside link. Its outer TTL is decremented once,
// as a packet the router itself forwards.

elementclass VPNRouter2 {
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
    input[2] -> rt;

    // for the router itself: ESP for Figure 6, answer pings, hand the rest to the host
    rt[0] -> local :: IPClassifier(ip proto esp and dst host $addr1, icmp type echo, -);
    local[0] -> [4]output;
    local[1] -> ICMPPingResponder -> rt;
    local[2] -> [2]output;

    rt[1] -> DropBroadcasts -> cp0 :: PaintTee(1) -> gio0 :: IPGWOptions($addr0) -> FixIPSrc($addr0)
          -> dt0 :: DecIPTTL -> fr0 :: IPFragmenter(1500) -> [0]arpq0;
    rt[2] -> DropBroadcasts -> cp1 :: PaintTee(2) -> gio1 :: IPGWOptions($addr1) -> FixIPSrc($addr1)
          -> dt1 :: DecIPTTL -> [3]output;
    input[3] -> fr1 :: IPFragmenter(1500) -> [0]arpq1;

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
