package click.runtime.lang;

import java.util.Collection;

/** The primitive element classes a configuration may use (the element registry's names). */
public interface ClassCatalog {
    boolean isClass(String name);

    Collection<String> classNames();
}
