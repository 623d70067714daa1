package click.shell;

import click.api.Element;
import click.api.ElementFactory;
import click.runtime.ElementRegistry;
import click.runtime.Router;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the element classes registered now mean for a running router: the Click classes it uses
 * that no bundle provides any more, and the ones whose factory now makes elements of another Java
 * class (an updated bundle has a new class loader, so its classes are new {@code Class} objects;
 * another bundle providing the class registers later and wins, see {@link ElementRegistry}).
 *
 * @param missing  Click class names no factory provides
 * @param replaced Click class names whose registered factory makes elements of another Java class
 */
record ClassCheck(Set<String> missing, Set<String> replaced) {
    static ClassCheck of(Router router, ElementRegistry registry) {
        Set<String> missing = new TreeSet<>();
        Set<String> replaced = new TreeSet<>();
        for (Element e : router.elements()) {
            ElementFactory f = registry.find(e.className());
            if (f == null) {
                missing.add(e.className());
            } else if (!f.elementClass().isInstance(e)) {
                replaced.add(e.className());
            }
        }
        return new ClassCheck(missing, replaced);
    }
}
