// The paper's VPN encryption path (section 5.3, Figure 5) in memory with AES-128-CBC + HMAC-SHA1-96: 64-byte
// UDP frames over 10,000 flows -> IP input checks -> HashSwitch splits the flows over two paths, each
// with its own Queue and Unqueue -> IPClassifier picks the tunnel by destination -> IPsecESPEncap
// (ESP header, cipher, ICV, outer IPv4 header) -> EtherEncap -> Discard.
//   click -j 1 06-vpn-aes.click              (same graph, one thread)
//   click -j 2 06-vpn-aes.click TB=1         (thread 0: source, checks and path A; thread 1: path B)
//   ... SAB=tunA                              (both paths encrypt for one SA: shared sequence counter)
define($DUR 5, $WARMUP 1, $BURST 1, $QCAP 1000, $FLOWS 10000, $TA 0, $TB 0, $SAB tunB)

sad :: IPsecSADatabase(
  tunA SPI 0x1001 SRC 192.0.2.1 DST 192.0.2.2 ENC aes-cbc KEY 0112233445566778899aabbccddeef00
       AUTH hmac-sha1-96 AUTHKEY 41484f565d646b727980878e959ca3aab1b8bfc6,
  tunB SPI 0x1002 SRC 192.0.2.1 DST 192.0.2.3 ENC aes-cbc KEY 02132435465768798a9bacbdcedff001
       AUTH hmac-sha1-96 AUTHKEY 424950575e656c737a81888f969da4abb2b9c0c7);

gen :: FastUDPFlows(0, -1, 64, 02:00:00:00:00:02, 198.51.100.2, 02:00:00:00:00:01, 10.1.0.2, $FLOWS, 2000000000)
  -> uq :: Unqueue(BURST $BURST) -> Strip(14) -> CheckIPHeader -> sw :: HashSwitch(20, 4);
sw[0] -> qA :: Queue($QCAP) -> uqA :: Unqueue(BURST $BURST) -> selA :: IPClassifier(dst net 10.1.0.0/16, -);
sw[1] -> qB :: Queue($QCAP) -> uqB :: Unqueue(BURST $BURST) -> selB :: IPClassifier(dst net 10.1.0.0/16, -);
selA[0] -> encA :: IPsecESPEncap(sad, tunA) -> EtherEncap(0x0800, 02:00:00:00:01:01, 02:00:00:00:01:02) -> sinkA :: Discard;
selB[0] -> encB :: IPsecESPEncap(sad, $SAB) -> EtherEncap(0x0800, 02:00:00:00:01:01, 02:00:00:00:01:02) -> sinkB :: Discard;
selA[1] -> otherA :: Discard;  selB[1] -> otherB :: Discard;

StaticThreadSched(uq 0, uqA $TA, uqB $TB);

DriverManager(wait $WARMUP, write sinkA.reset_counts, write sinkB.reset_counts, write qA.reset_counts, write qB.reset_counts,
              set t0 $(now), wait $DUR, set t1 $(now), set a $(sinkA.count), set b $(sinkB.count), set n $(add $a $b),
              print "RESULT count=$n elapsed=$(sub $t1 $t0) pps=$(div $n $(sub $t1 $t0)) A=$a B=$b qdropsA=$(qA.drops) qdropsB=$(qB.drops) encdropsA=$(encA.drops) encdropsB=$(encB.drops) other=$(add $(otherA.count) $(otherB.count))", stop);
