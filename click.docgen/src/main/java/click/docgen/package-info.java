/**
 * Build-time documentation tools: {@link click.docgen.ElementDocProcessor} turns each element
 * class's Javadoc into a manual page inside its bundle ({@code META-INF/click/doc/NAME.md}), read by
 * the shell's {@code click:doc} and collected by {@link click.docgen.Glossary} into the element
 * glossary. Nothing here is loaded by a running router.
 */
package click.docgen;
