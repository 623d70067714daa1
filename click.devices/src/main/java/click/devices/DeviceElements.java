package click.devices;

import click.api.ElementFactory;
import click.api.ElementProvider;
import java.util.ArrayList;
import java.util.List;

/** The element classes of the devices bundle. */
public final class DeviceElements implements ElementProvider {
    @Override
    public List<ElementFactory> elementFactories() {
        List<ElementFactory> f = new ArrayList<>();
        f.addAll(ElementFactory.of(FromDevice.class, FromDevice::new));
        f.addAll(ElementFactory.of(ToDevice.class, ToDevice::new));
        f.addAll(ElementFactory.of(KernelTap.class, KernelTap::new));
        f.addAll(ElementFactory.of(KernelTun.class, KernelTun::new));
        return f;
    }
}
