package click.elements.ipsec;

import click.api.ElementFactory;
import click.api.ElementProvider;
import java.util.ArrayList;
import java.util.List;

/** The element classes of the IPsec bundle. */
public final class IPsecElements implements ElementProvider {
    @Override
    public List<ElementFactory> elementFactories() {
        List<ElementFactory> f = new ArrayList<>();
        f.addAll(ElementFactory.of(IPsecSADatabase.class, IPsecSADatabase::new));
        f.addAll(ElementFactory.of(IPsecESPEncap.class, IPsecESPEncap::new));
        f.addAll(ElementFactory.of(IPsecESPUnencap.class, IPsecESPUnencap::new));
        return f;
    }
}
