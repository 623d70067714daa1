/**
 * Benchmarks: JMH micro-benchmarks of the packet path ({@code *Benchmark}) and {@link click.bench.BenchMain},
 * which runs them with JMH's allocation profiler so every figure comes with bytes allocated per
 * operation (the target on the forwarding path is 0).
 */
package click.bench;
