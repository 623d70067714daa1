// The SMP Click paper's Figure 2 IP router with four interfaces, as in its experiments (section
// 5.1): a PollDevice and a ToDevice per interface, eight tasks in all. Needs root and the
// click.devices bundle. Device names and addresses are parameters (documentation prefixes here):
//   click -j 2 conf/ip-router-4.click DEV0=veth0 DEV1=veth1 DEV2=veth2 DEV3=veth3
// The paper's static schedule for four CPUs puts one PollDevice and one ToDevice of *different*
// interfaces on each CPU; with two threads, as on this machine, StaticThreadSched below does the
// same pairing (remove it to let the adaptive balancer decide).

require(library ip-router-lib.click);

define($DEV0 eth0, $ADDR0 192.0.2.1,    $PREFIX0 192.0.2.1/26,    $BCAST0 192.0.2.63,    $ETH0 02:00:00:00:00:01,
       $DEV1 eth1, $ADDR1 192.0.2.65,   $PREFIX1 192.0.2.65/26,   $BCAST1 192.0.2.127,   $ETH1 02:00:00:00:01:01,
       $DEV2 eth2, $ADDR2 198.51.100.1, $PREFIX2 198.51.100.1/24, $BCAST2 198.51.100.255, $ETH2 02:00:00:00:02:01,
       $DEV3 eth3, $ADDR3 203.0.113.1,  $PREFIX3 203.0.113.1/24,  $BCAST3 203.0.113.255,  $ETH3 02:00:00:00:03:01,
       $QCAP 1000);

r :: IPRouter4($ADDR0, $PREFIX0, $BCAST0, $ETH0, $ADDR1, $PREFIX1, $BCAST1, $ETH1,
               $ADDR2, $PREFIX2, $BCAST2, $ETH2, $ADDR3, $PREFIX3, $BCAST3, $ETH3);

in0 :: PollDevice($DEV0) -> [0]r;
in1 :: PollDevice($DEV1) -> [1]r;
in2 :: PollDevice($DEV2) -> [2]r;
in3 :: PollDevice($DEV3) -> [3]r;
r[0] -> Queue($QCAP) -> out0 :: ToDevice($DEV0);
r[1] -> Queue($QCAP) -> out1 :: ToDevice($DEV1);
r[2] -> Queue($QCAP) -> out2 :: ToDevice($DEV2);
r[3] -> Queue($QCAP) -> out3 :: ToDevice($DEV3);
r[4] -> host :: Counter -> Discard;   // Click's Figure 2 hands these to the kernel (ToHost)

StaticThreadSched(in0 0, out1 0, in2 0, out3 0,
                  in1 1, out0 1, in3 1, out2 1);
