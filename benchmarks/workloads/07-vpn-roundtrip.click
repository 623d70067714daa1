// Encryption then decryption (section 5.3, Figures 5 and 6 back to back) in memory: the 06-vpn-* graph with
// IPsecESPUnencap after each encapsulator, so each packet is sealed and then checked (replay window, ICV),
// decrypted and unwrapped. The rate is of round trips; the decryption's cost is this workload's CPU time per
// packet minus that of the matching 06-vpn-* encryption workload.
//   click -j 1 07-vpn-roundtrip.click                         (3DES-CBC + HMAC-SHA1-96, one thread)
//   click -j 1 07-vpn-roundtrip.click SAA=aesA SAB=aesB       (AES-128-CBC + HMAC-SHA1-96)
//   click -j 1 07-vpn-roundtrip.click SAA=gcmA SAB=gcmB       (AES-128-GCM)
//   click -j 2 07-vpn-roundtrip.click TB=1 ...                (thread 0: source, checks and path A; thread 1: path B)
define($DUR 5, $WARMUP 1, $BURST 1, $QCAP 1000, $FLOWS 10000, $TA 0, $TB 0, $SAA tdesA, $SAB tdesB)

sad :: IPsecSADatabase(
  tdesA SPI 0x1001 SRC 192.0.2.1 DST 192.0.2.2 ENC 3des-cbc KEY 0112233445566778899aabbccddeef001122334455667788
        AUTH hmac-sha1-96 AUTHKEY 41484f565d646b727980878e959ca3aab1b8bfc6,
  tdesB SPI 0x1002 SRC 192.0.2.1 DST 192.0.2.3 ENC 3des-cbc KEY 02132435465768798a9bacbdcedff0011223344556677889
        AUTH hmac-sha1-96 AUTHKEY 424950575e656c737a81888f969da4abb2b9c0c7,
  aesA  SPI 0x2001 SRC 192.0.2.1 DST 192.0.2.2 ENC aes-cbc KEY 0112233445566778899aabbccddeef00
        AUTH hmac-sha1-96 AUTHKEY 41484f565d646b727980878e959ca3aab1b8bfc6,
  aesB  SPI 0x2002 SRC 192.0.2.1 DST 192.0.2.3 ENC aes-cbc KEY 02132435465768798a9bacbdcedff001
        AUTH hmac-sha1-96 AUTHKEY 424950575e656c737a81888f969da4abb2b9c0c7,
  gcmA  SPI 0x3001 SRC 192.0.2.1 DST 192.0.2.2 ENC aes-gcm-16 KEY 0112233445566778899aabbccddeef00cafebabe,
  gcmB  SPI 0x3002 SRC 192.0.2.1 DST 192.0.2.3 ENC aes-gcm-16 KEY 02132435465768798a9bacbdcedff001deadbeef);

gen :: FastUDPFlows(0, -1, 64, 02:00:00:00:00:02, 198.51.100.2, 02:00:00:00:00:01, 10.1.0.2, $FLOWS, 2000000000)
  -> uq :: Unqueue(BURST $BURST) -> Strip(14) -> CheckIPHeader -> sw :: HashSwitch(20, 4);
sw[0] -> qA :: Queue($QCAP) -> uqA :: Unqueue(BURST $BURST) -> selA :: IPClassifier(dst net 10.1.0.0/16, -);
sw[1] -> qB :: Queue($QCAP) -> uqB :: Unqueue(BURST $BURST) -> selB :: IPClassifier(dst net 10.1.0.0/16, -);
selA[0] -> encA :: IPsecESPEncap(sad, $SAA) -> decA :: IPsecESPUnencap(sad) -> sinkA :: Discard;
selB[0] -> encB :: IPsecESPEncap(sad, $SAB) -> decB :: IPsecESPUnencap(sad) -> sinkB :: Discard;
selA[1] -> otherA :: Discard;  selB[1] -> otherB :: Discard;

StaticThreadSched(uq 0, uqA $TA, uqB $TB);

DriverManager(wait $WARMUP, write sinkA.reset_counts, write sinkB.reset_counts, write qA.reset_counts, write qB.reset_counts,
              set t0 $(now), wait $DUR, set t1 $(now), set a $(sinkA.count), set b $(sinkB.count), set n $(add $a $b),
              print "RESULT count=$n elapsed=$(sub $t1 $t0) pps=$(div $n $(sub $t1 $t0)) A=$a B=$b qdropsA=$(qA.drops) qdropsB=$(qB.drops) encdrops=$(add $(encA.drops) $(encB.drops)) decdrops=$(add $(decA.drops) $(decB.drops)) other=$(add $(otherA.count) $(otherB.count))", stop);
