package click.elements.nat;

import click.api.ElementFactory;
import click.api.ElementProvider;
import java.util.ArrayList;
import java.util.List;

/** The element classes of the NAT bundle. */
public final class NATElements implements ElementProvider {
    @Override
    public List<ElementFactory> elementFactories() {
        List<ElementFactory> f = new ArrayList<>();
        f.addAll(ElementFactory.of(IPRewriter.class, IPRewriter::new));
        f.addAll(ElementFactory.of(TCPRewriter.class, TCPRewriter::new));
        f.addAll(ElementFactory.of(UDPRewriter.class, UDPRewriter::new));
        f.addAll(ElementFactory.of(IPAddrRewriter.class, IPAddrRewriter::new));
        f.addAll(ElementFactory.of(ICMPPingRewriter.class, ICMPPingRewriter::new));
        f.addAll(ElementFactory.of(ICMPRewriter.class, ICMPRewriter::new));
        f.addAll(ElementFactory.of(IPRewriterPatterns.class, IPRewriterPatterns::new));
        return f;
    }
}
