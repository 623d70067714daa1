/**
 * Click's standard elements: sources, sinks, queues, counters, classifiers, switches, schedulers,
 * pcap files and scripts. Each class's documentation is its manual page.
 */
package click.elements.standard;
