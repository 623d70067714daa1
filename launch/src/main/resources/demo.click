// jclick's built-in demonstration router: `bin/click` with no configuration runs it for 5 seconds;
// its DriverManager prints a summary line every second. Device-free: the packets come from two
// rated sources.
//
//   good :: RatedSource ---\                                   ttl[1] -> expired :: Discard
//                           Strip(14) -> chk :: CheckIPHeader -> ttl :: DecIPTTL -> c :: Counter
//   bad :: RatedSource ----/                  |                                       |
//                               chk[1] -> rejected :: Counter -> Discard    q :: Queue(200) -> Unqueue -> sink :: Discard
//
// good sends 1,000 valid Ethernet/IPv4/UDP frames per second (64 bytes, TTL 64); bad sends 50
// frames per second that are the same but for one byte of the IP header checksum. Strip removes the Ethernet header; CheckIPHeader passes the good packets on and
// sends the corrupt ones to its second output; DecIPTTL lowers the TTL (and fixes the checksum);
// the Counter counts what survived; the Queue is the push-to-pull boundary that the Unqueue task
// drains into the sink. The DriverManager prints the handlers once a second and stops the router
// after five lines.
//
// Run it yourself with handlers of your choice:
//   bin/click launch/src/main/resources/demo.click -h c.count -h chk.drop_details -h q.highwater_length

// 198.51.100.2:1234 -> 203.0.113.2:5678, UDP, 22 payload bytes
good :: RatedSource(DATA \<0200000000010200000000020800450000320000000040111483c6336402cb00710204d2162e001e7e7900000000000000000000000000000000000000000000>,
                    RATE 1000);
// the same frame with a wrong IP header checksum (0x1484 instead of 0x1483)
bad :: RatedSource(DATA \<0200000000010200000000020800450000320000000040111484c6336402cb00710204d2162e001e7e7900000000000000000000000000000000000000000000>,
                   RATE 50);

good -> eth :: Strip(14);
bad -> eth;

eth -> chk :: CheckIPHeader
    -> ttl :: DecIPTTL
    -> c :: Counter
    -> q :: Queue(200)
    -> Unqueue
    -> sink :: Discard;

chk[1] -> rejected :: Counter -> Discard;
ttl[1] -> expired :: Discard;

DriverManager(set t 0,
              label tick,
              wait 1s,
              set t $(add $t 1),
              print "${t}s  sent $(good.count) good + $(bad.count) corrupt | CheckIPHeader rejected $(rejected.count) | counted $(c.count) | queue $(q.length) (highest $(q.highwater_length), dropped $(q.drops)) | discarded $(sink.count)",
              goto tick $(lt $t 5),
              stop);
