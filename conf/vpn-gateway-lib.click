// The SMP Click paper's VPN gateway (section 5.3) with the eight tunnels of its evaluation: the
// Figure 2 router (VPNRouter2, vpn-router-lib.click) with Figure 5 inserted into the output path
// toward the outside world (interface 1) and Figure 6 into the input path from it. SHA-1 and
// 3DES as in the paper. vpn-gateway.click runs it on devices, vpn-gateway-pcap.click on pcap files.
//
// Tunnel i (1-8) carries traffic between this site's inside network (interface 0) and the remote
// network 10.i.0.0/16 behind the peer gateway 203.0.113.(10+i) on the outside link. Like the paper,
// the tunnels are static: IPClassifier `tunnels` is the outbound SA selector (one IPsecESPEncap per
// tunnel), the SPI of each arriving ESP packet selects its inbound SA. SAs to_i (SPI 0x10i) and
// from_i (SPI 0x20i) have their own keys; the peer configures the same SAs the other way round.
// THE KEYS BELOW ARE PUBLIC TEST KEYS: replace them (sad.replace) before carrying real traffic.
//
// Defines: the router's addresses (as for the IP router); elements: r (the router), sad (the
// SA database; read sad.table), tunnels, enc1..enc8, dec.

// Needs VPNRouter2: the including file requires vpn-router-lib.click before this file (a
// library's own require is not followed).

define($ADDR0 198.51.100.1, $PREFIX0 198.51.100.1/24, $BCAST0 198.51.100.255, $ETH0 02:00:00:00:00:01,
       $ADDR1 203.0.113.1,  $PREFIX1 203.0.113.1/24,  $BCAST1 203.0.113.255,  $ETH1 02:00:00:00:01:01,
       $GW 203.0.113.254);

r :: VPNRouter2($ADDR0, $PREFIX0, $BCAST0, $ETH0, $ADDR1, $PREFIX1, $BCAST1, $ETH1, $GW);

sad :: IPsecSADatabase(
  to_1   SPI 0x101 SRC $ADDR1 DST 203.0.113.11 ENC 3des-cbc KEY 0112233445566778899aabbccddeef001122334455667788
         AUTH hmac-sha1-96 AUTHKEY 41484f565d646b727980878e959ca3aab1b8bfc6,
  from_1 SPI 0x201 SRC 203.0.113.11 DST $ADDR1 ENC 3des-cbc KEY 8194a7bacde0f306192c3f5265788b9eb1c4d7eafd102336
         AUTH hmac-sha1-96 AUTHKEY c1c6cbd0d5dadfe4e9eef3f8fd02070c11161b20,
  to_2   SPI 0x102 SRC $ADDR1 DST 203.0.113.12 ENC 3des-cbc KEY 02132435465768798a9bacbdcedff0011223344556677889
         AUTH hmac-sha1-96 AUTHKEY 424950575e656c737a81888f969da4abb2b9c0c7,
  from_2 SPI 0x202 SRC 203.0.113.12 DST $ADDR1 ENC 3des-cbc KEY 8295a8bbcee1f4071a2d405366798c9fb2c5d8ebfe112437
         AUTH hmac-sha1-96 AUTHKEY c2c7ccd1d6dbe0e5eaeff4f9fe03080d12171c21,
  to_3   SPI 0x103 SRC $ADDR1 DST 203.0.113.13 ENC 3des-cbc KEY 031425364758697a8b9cadbecfe0f102132435465768798a
         AUTH hmac-sha1-96 AUTHKEY 434a51585f666d747b828990979ea5acb3bac1c8,
  from_3 SPI 0x203 SRC 203.0.113.13 DST $ADDR1 ENC 3des-cbc KEY 8396a9bccfe2f5081b2e4154677a8da0b3c6d9ecff122538
         AUTH hmac-sha1-96 AUTHKEY c3c8cdd2d7dce1e6ebf0f5faff04090e13181d22,
  to_4   SPI 0x104 SRC $ADDR1 DST 203.0.113.14 ENC 3des-cbc KEY 0415263748596a7b8c9daebfd0e1f2031425364758697a8b
         AUTH hmac-sha1-96 AUTHKEY 444b525960676e757c838a91989fa6adb4bbc2c9,
  from_4 SPI 0x204 SRC 203.0.113.14 DST $ADDR1 ENC 3des-cbc KEY 8497aabdd0e3f6091c2f4255687b8ea1b4c7daed00132639
         AUTH hmac-sha1-96 AUTHKEY c4c9ced3d8dde2e7ecf1f6fb00050a0f14191e23,
  to_5   SPI 0x105 SRC $ADDR1 DST 203.0.113.15 ENC 3des-cbc KEY 05162738495a6b7c8d9eafc0d1e2f30415263748596a7b8c
         AUTH hmac-sha1-96 AUTHKEY 454c535a61686f767d848b9299a0a7aeb5bcc3ca,
  from_5 SPI 0x205 SRC 203.0.113.15 DST $ADDR1 ENC 3des-cbc KEY 8598abbed1e4f70a1d304356697c8fa2b5c8dbee0114273a
         AUTH hmac-sha1-96 AUTHKEY c5cacfd4d9dee3e8edf2f7fc01060b10151a1f24,
  to_6   SPI 0x106 SRC $ADDR1 DST 203.0.113.16 ENC 3des-cbc KEY 061728394a5b6c7d8e9fb0c1d2e3f405162738495a6b7c8d
         AUTH hmac-sha1-96 AUTHKEY 464d545b626970777e858c939aa1a8afb6bdc4cb,
  from_6 SPI 0x206 SRC 203.0.113.16 DST $ADDR1 ENC 3des-cbc KEY 8699acbfd2e5f80b1e3144576a7d90a3b6c9dcef0215283b
         AUTH hmac-sha1-96 AUTHKEY c6cbd0d5dadfe4e9eef3f8fd02070c11161b2025,
  to_7   SPI 0x107 SRC $ADDR1 DST 203.0.113.17 ENC 3des-cbc KEY 0718293a4b5c6d7e8fa0b1c2d3e4f5061728394a5b6c7d8e
         AUTH hmac-sha1-96 AUTHKEY 474e555c636a71787f868d949ba2a9b0b7bec5cc,
  from_7 SPI 0x207 SRC 203.0.113.17 DST $ADDR1 ENC 3des-cbc KEY 879aadc0d3e6f90c1f3245586b7e91a4b7caddf00316293c
         AUTH hmac-sha1-96 AUTHKEY c7ccd1d6dbe0e5eaeff4f9fe03080d12171c2126,
  to_8   SPI 0x108 SRC $ADDR1 DST 203.0.113.18 ENC 3des-cbc KEY 08192a3b4c5d6e7f90a1b2c3d4e5f60718293a4b5c6d7e8f
         AUTH hmac-sha1-96 AUTHKEY 484f565d646b727980878e959ca3aab1b8bfc6cd,
  from_8 SPI 0x208 SRC 203.0.113.18 DST $ADDR1 ENC 3des-cbc KEY 889baec1d4e7fa0d203346596c7f92a5b8cbdef104172a3d
         AUTH hmac-sha1-96 AUTHKEY c8cdd2d7dce1e6ebf0f5faff04090e13181d2227);

// Figure 5: packets leaving by the outside interface are encrypted if their destination is
// behind a tunnel, then routed again toward the peer; anything else goes on unchanged.
r[3] -> tunnels :: IPClassifier(dst net 10.1.0.0/16, dst net 10.2.0.0/16, dst net 10.3.0.0/16,
                                dst net 10.4.0.0/16, dst net 10.5.0.0/16, dst net 10.6.0.0/16,
                                dst net 10.7.0.0/16, dst net 10.8.0.0/16, -);
tunnels[0] -> enc1 :: IPsecESPEncap(sad, to_1) -> [2]r;
tunnels[1] -> enc2 :: IPsecESPEncap(sad, to_2) -> [2]r;
tunnels[2] -> enc3 :: IPsecESPEncap(sad, to_3) -> [2]r;
tunnels[3] -> enc4 :: IPsecESPEncap(sad, to_4) -> [2]r;
tunnels[4] -> enc5 :: IPsecESPEncap(sad, to_5) -> [2]r;
tunnels[5] -> enc6 :: IPsecESPEncap(sad, to_6) -> [2]r;
tunnels[6] -> enc7 :: IPsecESPEncap(sad, to_7) -> [2]r;
tunnels[7] -> enc8 :: IPsecESPEncap(sad, to_8) -> [2]r;
tunnels[8] -> [3]r;

// Figure 6: ESP packets addressed to the outside interface are authenticated, decrypted and
// routed as the inner packets they carry; refused ones are counted (dec.drop_details) and dropped.
r[4] -> dec :: IPsecESPUnencap(sad) -> [2]r;
