/**
 * Network devices: AF_PACKET receive and transmit rings and TAP devices, through JNA.
 */
package click.devices;
