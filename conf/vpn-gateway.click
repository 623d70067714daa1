// The SMP Click paper's VPN gateway (section 5.3, eight tunnels; see vpn-gateway-lib.click) on two
// network devices (needs root and the click.devices bundle). Interface 1 is the outside link.
//   click conf/vpn-gateway.click DEV0=eth0 DEV1=eth1 ADDR0=10.0.0.1 PREFIX0=10.0.0.1/24 ...
// The same gateway on pcap files, without root: vpn-gateway-pcap.click.

require(library vpn-router-lib.click);
require(library vpn-gateway-lib.click);

define($DEV0 eth0, $DEV1 eth1, $QCAP 1000);

FromDevice($DEV0) -> [0]r;
FromDevice($DEV1) -> [1]r;
r[0] -> Queue($QCAP) -> ToDevice($DEV0);
r[1] -> Queue($QCAP) -> ToDevice($DEV1);
r[2] -> host :: Counter -> Discard;   // Click's Figure 2 hands these to the kernel (ToHost)
