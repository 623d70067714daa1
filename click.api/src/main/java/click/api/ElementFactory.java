package click.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * How a bundle offers an element class to routers. Inside an OSGi framework each factory is a
 * service with the property {@value #CLASS_PROPERTY} = the Click class name; outside one, factories
 * come from {@link ElementProvider}s. Routers look factories up only while they are built, never per
 * packet.
 */
public interface ElementFactory {
    /** Service property holding the Click class name. */
    String CLASS_PROPERTY = "click.element";

    /** The Click class name, e.g. {@code Queue}. */
    String className();

    /** The Java class of the elements this factory makes (for docs and state hand-over checks). */
    Class<? extends Element> elementClass();

    /** A new, unconfigured element. */
    Element newElement();

    /**
     * A factory for {@code type}, named by its {@link ElementInfo#name()} (or simple name), plus one
     * factory per {@link ElementInfo#aliases() alias}.
     */
    static <E extends Element> List<ElementFactory> of(Class<E> type, Supplier<E> constructor) {
        ElementInfo info = type.getAnnotation(ElementInfo.class);
        if (info == null) {
            throw new IllegalArgumentException(type.getName() + " has no @ElementInfo");
        }
        List<ElementFactory> out = new ArrayList<>();
        out.add(new SimpleFactory(info.name().isEmpty() ? type.getSimpleName() : info.name(), type, constructor));
        for (String alias : info.aliases()) {
            out.add(new SimpleFactory(alias, type, constructor));
        }
        return out;
    }

    /** The plain implementation used by {@link #of}. */
    record SimpleFactory(String className, Class<? extends Element> elementClass,
                         Supplier<? extends Element> constructor) implements ElementFactory {
        @Override
        public Element newElement() {
            return constructor.get();
        }
    }
}
