// The router of examples/README.md, before it uses the example bundle: three sources of bare IPv4
// headers (20 bytes, UDP, no Ethernet header), each with its own time-to-live and rate, into one
// counter and a queue that a sink drains.
//
//   linux   :: RatedSource (TTL 64,  300/s) --\
//   windows :: RatedSource (TTL 128, 100/s) ---> c :: Counter -> q :: Queue -> Unqueue -> sink :: Discard
//   far     :: RatedSource (TTL 3,    10/s) --/
//
// Run it with the shell: bin/click --shell examples/ttl.click   (the router is called "ttl")

linux :: RatedSource(DATA \<450000140000000040118ea2c0000201c6336402>, RATE 300);
windows :: RatedSource(DATA \<450000140000000080114e9cc0000207c6336402>, RATE 100);
far :: RatedSource(DATA \<45000014000000000311cb9ac0000209c6336402>, RATE 10);

linux -> c :: Counter;
windows -> c;
far -> c;

c -> q :: Queue(1000) -> Unqueue -> sink :: Discard;
