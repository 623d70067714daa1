// The paper's Figure 8 as a fragment: flows from inside hosts are spread over four IPRewriters by
// destination address (HashDemux); each rewriter has its own external address. Packets from the
// outside go to the rewriter that owns their destination address (IPClassifier).
// Entry points: `inside` (packets from inside hosts), `outside` (packets from the Internet);
// exits: `to_outside`, `to_inside`. The test wires them to its own elements.

inside -> CheckIPHeader -> hd :: HashDemux(16, 4);        // IPv4 destination address
outside -> CheckIPHeader
  -> cl :: IPClassifier(dst host 192.0.2.1, dst host 192.0.2.2, dst host 192.0.2.3, dst host 192.0.2.4, -);

rw0 :: IPRewriter(pattern 192.0.2.1 1024-65535 - - 0 1, drop);
rw1 :: IPRewriter(pattern 192.0.2.2 1024-65535 - - 0 1, drop);
rw2 :: IPRewriter(pattern 192.0.2.3 1024-65535 - - 0 1, drop);
rw3 :: IPRewriter(pattern 192.0.2.4 1024-65535 - - 0 1, drop);

hd[0] -> [0]rw0;  hd[1] -> [0]rw1;  hd[2] -> [0]rw2;  hd[3] -> [0]rw3;
cl[0] -> [1]rw0;  cl[1] -> [1]rw1;  cl[2] -> [1]rw2;  cl[3] -> [1]rw3;
cl[4] -> not_ours :: Discard;

rw0[0] -> to_outside;  rw1[0] -> to_outside;  rw2[0] -> to_outside;  rw3[0] -> to_outside;
rw0[1] -> to_inside;   rw1[1] -> to_inside;   rw2[1] -> to_inside;   rw3[1] -> to_inside;
