// One of the two VPN gateways of a two-site tunnel, on two network devices (needs root and the
// click.devices bundle): the Figure 2 router (VPNRouter2, vpn-router-lib.click) with Figure 5
// inserted into the output path toward the outside world and Figure 6 into the input path from it,
// for one tunnel to one peer gateway. Run it once at each site; the two copies differ only in their
// variables. Interface 0 is the site's inside link, interface 1 the outside link.
//
//   site A (inside 198.51.100.0/24, outside 203.0.113.1): the defaults below
//     click conf/vpn-site-gateway.click DEV0=eth0 DEV1=eth1
//   site B (inside 192.0.2.0/24, outside 203.0.113.2): the same SAs the other way round
//     click conf/vpn-site-gateway.click DEV0=eth0 DEV1=eth1 \
//       ADDR0=192.0.2.1 PREFIX0=192.0.2.1/24 BCAST0=192.0.2.255 ETH0=02:00:00:00:0b:00 \
//       ADDR1=203.0.113.2 PREFIX1=203.0.113.2/24 ETH1=02:00:00:00:0b:01 REMOTE=198.51.100.0/24 \
//       SA_OUT='SPI 0x2001 SRC 203.0.113.2 DST 203.0.113.1 ENC aes-gcm-16 KEY 0xfeffe9928665731c6d6a8f9467308308cafebabe' \
//       SA_IN='SPI 0x1001 SRC 203.0.113.1 DST 203.0.113.2 ENC aes-gcm-16 KEY 0x4c80cdefbb5d10da906ac73c3613a6342e443b68'
//
// Packets for REMOTE leaving by the outside interface are encrypted with SA out and sent to the
// peer (the SA's DST); ESP packets arriving for ADDR1 are decrypted with the SA their SPI names (in)
// and routed inside. Everything else is routed as by the plain IP router. SA_OUT and SA_IN are SA
// specifications as IPsecSADatabase takes them (without the name): any cipher and integrity
// algorithm it knows, e.g. 'SPI 0x1001 SRC 203.0.113.1 DST 203.0.113.2 ENC 3des-cbc KEY <24 bytes>
// AUTH hmac-sha1-96 AUTHKEY <20 bytes>' for the paper's 3DES + SHA-1.
//
// MTU: an ESP packet is 50-80 bytes longer than the packet it carries, and the outer packet keeps
// the inner don't-fragment bit, so the sites' links should have an MTU of 1400 (or TCP MSS clamping
// elsewhere): this gateway does not tell inside hosts about the smaller path MTU of the tunnel.
// Elements: r (the router), sad (read sad.table), tunnel (the outbound SA selector), enc, dec
// (read dec.drop_details for refused packets).
// THE DEFAULT KEYS ARE PUBLIC TEST KEYS: replace them (or sad.replace) before carrying real traffic.
// The two gateways joined in one process on pcap files, without root: vpn-two-sites-pcap.click.

require(library vpn-router-lib.click);

define($DEV0 eth0, $ADDR0 198.51.100.1, $PREFIX0 198.51.100.1/24, $BCAST0 198.51.100.255, $ETH0 02:00:00:00:0a:00,
       $DEV1 eth1, $ADDR1 203.0.113.1,  $PREFIX1 203.0.113.1/24,  $BCAST1 203.0.113.255,  $ETH1 02:00:00:00:0a:01,
       $GW 203.0.113.254, $REMOTE 192.0.2.0/24, $QCAP 1000,
       $SA_OUT SPI 0x1001 SRC 203.0.113.1 DST 203.0.113.2 ENC aes-gcm-16 KEY 0x4c80cdefbb5d10da906ac73c3613a6342e443b68,
       $SA_IN  SPI 0x2001 SRC 203.0.113.2 DST 203.0.113.1 ENC aes-gcm-16 KEY 0xfeffe9928665731c6d6a8f9467308308cafebabe);

r :: VPNRouter2($ADDR0, $PREFIX0, $BCAST0, $ETH0, $ADDR1, $PREFIX1, $BCAST1, $ETH1, $GW);

sad :: IPsecSADatabase(out $SA_OUT, in $SA_IN);

// Figure 5: the remote site's packets are encrypted, then routed again toward the peer
r[3] -> tunnel :: IPClassifier(dst net $REMOTE, -);
tunnel[0] -> enc :: IPsecESPEncap(sad, out) -> [2]r;
tunnel[1] -> [3]r;

// Figure 6: ESP for this gateway is authenticated, decrypted and routed as the packet it carries
r[4] -> dec :: IPsecESPUnencap(sad) -> [2]r;

FromDevice($DEV0) -> [0]r;
FromDevice($DEV1) -> [1]r;
r[0] -> Queue($QCAP) -> ToDevice($DEV0);
r[1] -> Queue($QCAP) -> ToDevice($DEV1);
r[2] -> host :: Counter -> Discard;   // Click's Figure 2 hands these to the kernel (ToHost)
