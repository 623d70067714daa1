package click.shell;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.osgi.service.component.annotations.Component;

/**
 * Keeps {@code install} and {@code stop} typed without a scope meaning the framework's commands
 * ({@code felix:install}, {@code felix:stop 0}) now that {@code click:install} and
 * {@code click:stop} exist. Gogo resolves an unscoped name through the session's {@code SCOPE}
 * path, and its {@code *} picks whichever scope it meets first; so before each command line this
 * puts {@code felix} ahead of the {@code *} (gosh's profile sets {@code gogo:*}), unless the path
 * names {@code felix} already. Scopes the user listed stay where they are.
 *
 * <p>Thread ownership: Gogo calls it on each session's thread; it keeps no state.
 */
@Component
public final class FrameworkCommandsFirst implements CommandSessionListener {
    /** Gogo's session variable holding the scope search path. */
    static final String SCOPE = "SCOPE";

    /** The scope of the framework's commands (gogo.command). */
    static final String FRAMEWORK_SCOPE = "felix";

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        Object path = session.get(SCOPE);
        String wanted = withFrameworkFirst(path instanceof String s ? s : null);
        if (!wanted.equals(path)) {
            session.put(SCOPE, wanted);
        }
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {
    }

    /** {@code path} with {@code felix} before its first {@code *} (Gogo's default path is {@code *}). */
    static String withFrameworkFirst(String path) {
        String[] scopes = (path == null || path.isEmpty() ? "*" : path).split(":");
        StringBuilder sb = new StringBuilder();
        boolean placed = false;
        for (String s : scopes) {
            if (s.equals(FRAMEWORK_SCOPE)) {
                return path;
            }
            if (s.equals("*") && !placed) {
                sb.append(FRAMEWORK_SCOPE).append(':');
                placed = true;
            }
            sb.append(s).append(':');
        }
        if (!placed) {
            return path;
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }
}
