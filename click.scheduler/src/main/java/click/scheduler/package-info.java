/**
 * The SMP driver: one router thread per CPU with a private worklist, static and adaptive task assignment from sampled costs, idle back-off, and the cost report.
 */
package click.scheduler;
