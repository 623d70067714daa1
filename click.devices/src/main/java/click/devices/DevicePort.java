package click.devices;

import click.api.Packet;

/**
 * One element's way into a device, whatever the METHOD: an AF_PACKET ring ({@link PacketRing}) or one
 * side of an AF_XDP socket ({@link XdpSocket}). {@link DeviceWatch} keeps a port open while the
 * device comes and goes; FromDevice uses {@link Receive}, ToDevice {@link Transmit}.
 *
 * <p>Thread ownership: the element's task, except {@link Receive#kernelDrops()} (handlers).
 */
interface DevicePort extends AutoCloseable {
    /** The interface index the port was opened on (a re-created device gets a new one). */
    int ifindex();

    /** The interface flags (IFF_UP, ...), or -1 if the device is gone. */
    int deviceFlags(Ifreq req);

    @Override
    void close();

    /** Receiving: frames are visited in order by a handle, copied out, and handed back. */
    interface Receive extends DevicePort {
        /** The handle of the next received frame, or -1 if none is waiting. */
        int receivedFrame();

        /** Bytes of the frame (those captured, if the method truncates). */
        int capturedLength(int frame);

        /** The link-level packet type: {@link Packet#HOST}, {@link Packet#BROADCAST}, ... */
        int packetType(int frame);

        /** Whether a TCP or UDP checksum of the frame was left to offload and is still missing. */
        boolean checksumNotReady(int frame);

        /** The kernel's receive time in nanoseconds since the epoch, or -1 if the method has none. */
        long timestamp(int frame);

        void copyFrame(int frame, byte[] dst, int to, int len);

        /** Hands the frame (the oldest unreleased one) back; the next one becomes visible. */
        void releaseFrame(int frame);

        /** Ends a batch of releases: makes the released frames the kernel's again. */
        void receiveDone();

        /** Frames the kernel dropped for want of room since the last call. */
        long kernelDrops();
    }

    /** Sending: frames are copied into free slots and handed to the kernel in batches. */
    interface Transmit extends DevicePort {
        /** Whether a frame can be queued now. */
        boolean transmitSlotFree();

        /** Largest frame this port sends. */
        int transmitMax();

        /** Copies {@code len <= transmitMax()} bytes into a free slot and queues them (no system call). */
        void queueFrame(byte[] src, int from, int len);

        /** Asks the kernel to send every queued frame, without waiting; 0, or the errno of a failure to retry. */
        int kick();
    }
}
