package click.docgen;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes each {@code @ElementInfo} class's Javadoc as a Markdown manual page,
 * {@code META-INF/click/doc/NAME.md}, into the class output (so it ships inside the bundle), plus
 * {@code META-INF/click/doc/index.txt} listing the pages. An element class without a doc comment
 * is a compile warning: its manual page would be empty.
 */
@SupportedAnnotationTypes(ElementDocProcessor.ELEMENT_INFO)
public final class ElementDocProcessor extends AbstractProcessor {
    static final String ELEMENT_INFO = "click.api.ElementInfo";
    static final String DIR = "META-INF/click/doc/";

    private final Map<String, String> pages = new TreeMap<>();

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            for (javax.lang.model.element.Element e : round.getElementsAnnotatedWith(annotation)) {
                if (e instanceof TypeElement type) {
                    document(type);
                }
            }
        }
        if (round.processingOver() && !pages.isEmpty()) {
            writeIndex();
        }
        return false;
    }

    private void document(TypeElement type) {
        Map<String, Object> info = values(type);
        String name = str(info.get("name"));
        if (name.isEmpty()) {
            name = type.getSimpleName().toString();
        }
        String doc = processingEnv.getElementUtils().getDocComment(type);
        if (doc == null || doc.isBlank()) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING,
                    "element class " + name + " has no doc comment: its manual page is empty", type);
        }
        List<String> aliases = new ArrayList<>();
        if (info.get("aliases") instanceof List<?> list) {
            for (Object o : list) {
                aliases.add(str(((AnnotationValue) o).getValue()));
            }
        }
        String page = ElementPage.render(name, type.getQualifiedName().toString(), str(info.get("ports")),
                info.containsKey("processing") ? str(info.get("processing")) : "a/a",
                str(info.get("category")), aliases, JavadocMarkdown.convert(doc));
        pages.put(name, page);
        write(DIR + name + ".md", page, type);
        for (String alias : aliases) {
            write(DIR + alias + ".md", "# " + alias + "\n\nAnother name for **" + name + "**.\n\n" + page, type);
        }
    }

    private Map<String, Object> values(TypeElement type) {
        Map<String, Object> out = new TreeMap<>();
        for (AnnotationMirror m : type.getAnnotationMirrors()) {
            if (m.getAnnotationType().toString().equals(ELEMENT_INFO)) {
                for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> v : m.getElementValues().entrySet()) {
                    out.put(v.getKey().getSimpleName().toString(), v.getValue().getValue());
                }
            }
        }
        return out;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private void write(String path, String text, TypeElement origin) {
        try {
            FileObject f = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", path, origin);
            try (Writer w = f.openWriter()) {
                w.write(text);
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write " + path + ": " + e.getMessage());
        }
    }

    private void writeIndex() {
        StringBuilder sb = new StringBuilder();
        for (String name : pages.keySet()) {
            sb.append(name).append('\n');
        }
        write(DIR + "index.txt", sb.toString(), null);
    }
}
