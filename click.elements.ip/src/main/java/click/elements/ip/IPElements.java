package click.elements.ip;

import click.api.ElementFactory;
import click.api.ElementProvider;
import java.util.ArrayList;
import java.util.List;

/** The element classes of the IP bundle. */
public final class IPElements implements ElementProvider {
    @Override
    public List<ElementFactory> elementFactories() {
        List<ElementFactory> f = new ArrayList<>();
        f.addAll(ElementFactory.of(MarkIPHeader.class, MarkIPHeader::new));
        f.addAll(ElementFactory.of(CheckIPHeader.class, CheckIPHeader::new));
        f.addAll(ElementFactory.of(CheckIPHeader2.class, CheckIPHeader2::new));
        f.addAll(ElementFactory.of(GetIPAddress.class, GetIPAddress::new));
        f.addAll(ElementFactory.of(SetIPAddress.class, SetIPAddress::new));
        f.addAll(ElementFactory.of(StoreIPAddress.class, StoreIPAddress::new));
        f.addAll(ElementFactory.of(StaticIPLookup.class, StaticIPLookup::new));
        f.addAll(ElementFactory.of(RadixIPLookup.class, RadixIPLookup::new));
        f.addAll(ElementFactory.of(DirectIPLookup.class, DirectIPLookup::new));
        f.addAll(ElementFactory.of(DropBroadcasts.class, DropBroadcasts::new));
        f.addAll(ElementFactory.of(CheckPaint.class, CheckPaint::new));
        f.addAll(ElementFactory.of(DecIPTTL.class, DecIPTTL::new));
        f.addAll(ElementFactory.of(FixIPSrc.class, FixIPSrc::new));
        f.addAll(ElementFactory.of(SetIPChecksum.class, SetIPChecksum::new));
        f.addAll(ElementFactory.of(SetIPDSCP.class, SetIPDSCP::new));
        f.addAll(ElementFactory.of(SetUDPChecksum.class, SetUDPChecksum::new));
        f.addAll(ElementFactory.of(SetTCPChecksum.class, SetTCPChecksum::new));
        f.addAll(ElementFactory.of(EtherEncap.class, EtherEncap::new));
        f.addAll(ElementFactory.of(ICMPError.class, ICMPError::new));
        f.addAll(ElementFactory.of(IPGWOptions.class, IPGWOptions::new));
        f.addAll(ElementFactory.of(IPFragmenter.class, IPFragmenter::new));
        f.addAll(ElementFactory.of(IPReassembler.class, IPReassembler::new));
        f.addAll(ElementFactory.of(ARPQuerier.class, ARPQuerier::new));
        f.addAll(ElementFactory.of(ARPResponder.class, ARPResponder::new));
        f.addAll(ElementFactory.of(ICMPPingResponder.class, ICMPPingResponder::new));
        f.addAll(ElementFactory.of(IPPrint.class, IPPrint::new));
        f.addAll(ElementFactory.of(IPClassifier.class, IPClassifier::new));
        f.addAll(ElementFactory.of(IPFilter.class, IPFilter::new));
        f.addAll(ElementFactory.of(FastUDPFlows.class, FastUDPFlows::new));
        return f;
    }
}
