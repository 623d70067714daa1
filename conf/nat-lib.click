// The NAT of the SMP Click paper's Figure 8 as one compound element, for nat.click (the NAT inside
// the IP router, on network devices) and nat-pcap.click (the NAT alone, on pcap files).
//
//   NAT4(EXT0, EXT1, EXT2, EXT3)
//     EXTn   the external address of rewriter n     192.0.2.1
//   inputs:  [0] IP packets from inside hosts to the outside world
//            [1] IP packets from the outside world
//   outputs: [0] packets from inside, translated: source EXTn and a port of rewriter n
//            [1] replies from outside, translated back to their inside host and port
//            [2] packets from outside for none of the four addresses, unchanged
//   Inputs need the IP header annotation (CheckIPHeader). Packets that are not TCP or UDP, and
//   packets from outside that belong to no flow, are dropped (IPRewriter's drop).
//
// The paper spreads flows from inside over 32 rewriters, each with its own external address, so
// that no address runs out of ports; here there are four. HashDemux picks the rewriter by
// destination address; an IPClassifier sends each packet from outside to the rewriter owning its
// destination. Each rewriter keeps its own mappings, which a hot swap hands to the rewriter of the
// same name in the new configuration.

elementclass NAT4 {
    $ext0, $ext1, $ext2, $ext3 |

    input[0] -> hd :: HashDemux(16, 4);   // bytes 16-19: the destination address
    input[1] -> cl :: IPClassifier(dst host $ext0, dst host $ext1, dst host $ext2, dst host $ext3, -);

    rw0 :: IPRewriter(pattern $ext0 1024-65535 - - 0 1, drop);
    rw1 :: IPRewriter(pattern $ext1 1024-65535 - - 0 1, drop);
    rw2 :: IPRewriter(pattern $ext2 1024-65535 - - 0 1, drop);
    rw3 :: IPRewriter(pattern $ext3 1024-65535 - - 0 1, drop);

    hd[0] -> [0]rw0;  hd[1] -> [0]rw1;  hd[2] -> [0]rw2;  hd[3] -> [0]rw3;
    cl[0] -> [1]rw0;  cl[1] -> [1]rw1;  cl[2] -> [1]rw2;  cl[3] -> [1]rw3;
    cl[4] -> [2]output;

    rw0[0] -> [0]output;  rw1[0] -> [0]output;  rw2[0] -> [0]output;  rw3[0] -> [0]output;
    rw0[1] -> [1]output;  rw1[1] -> [1]output;  rw2[1] -> [1]output;  rw3[1] -> [1]output;
}
