// The SMP Click paper's Figure 2 IP router on two network devices (needs root and the
// click.devices bundle). Addresses are parameters:
//   click conf/ip-router.click DEV0=eth0 DEV1=eth1 ADDR0=10.0.0.1 PREFIX0=10.0.0.1/24 ...
// METHOD=XDP reads and writes the devices through AF_XDP sockets instead of AF_PACKET rings
// (jclick's own method: the host's stack then no longer sees the frames the devices receive).
// The same router on pcap files, without root: ip-router-pcap.click.

require(library ip-router-lib.click);

define($DEV0 eth0, $ADDR0 198.51.100.1, $PREFIX0 198.51.100.1/24, $BCAST0 198.51.100.255, $ETH0 02:00:00:00:00:01,
       $DEV1 eth1, $ADDR1 203.0.113.1,  $PREFIX1 203.0.113.1/24,  $BCAST1 203.0.113.255,  $ETH1 02:00:00:00:01:01,
       $GW 203.0.113.254, $QCAP 1000, $METHOD LINUX);

r :: IPRouter2($ADDR0, $PREFIX0, $BCAST0, $ETH0, $ADDR1, $PREFIX1, $BCAST1, $ETH1, $GW);

FromDevice($DEV0, METHOD $METHOD) -> [0]r;
FromDevice($DEV1, METHOD $METHOD) -> [1]r;
r[0] -> Queue($QCAP) -> ToDevice($DEV0, METHOD $METHOD);
r[1] -> Queue($QCAP) -> ToDevice($DEV1, METHOD $METHOD);
r[2] -> host :: Counter -> Discard;   // Click's Figure 2 hands these to the kernel (ToHost)
