// examples/ttl.click with a TTLHistogram (from the example bundle, examples/click.example) between
// the counter and the queue. Hot-swap it in with: click:install -r ttl examples/ttl-histogram.click
//
//   linux, windows, far -> c :: Counter -> h :: TTLHistogram -> q :: Queue -> Unqueue -> sink :: Discard

linux :: RatedSource(DATA \<450000140000000040118ea2c0000201c6336402>, RATE 300);
windows :: RatedSource(DATA \<450000140000000080114e9cc0000207c6336402>, RATE 100);
far :: RatedSource(DATA \<45000014000000000311cb9ac0000209c6336402>, RATE 10);

linux -> c :: Counter;
windows -> c;
far -> c;

c -> h :: TTLHistogram -> q :: Queue(1000) -> Unqueue -> sink :: Discard;
