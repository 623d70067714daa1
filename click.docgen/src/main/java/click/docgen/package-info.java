/**
 * Build-time documentation tools: {@link click.docgen.ElementDocProcessor} turns each element
 * class's Javadoc into a manual page inside its bundle ({@code META-INF/click/doc/NAME.md}), and
 * {@link click.docgen.Glossary} collects those pages into the element glossary. Nothing here is
 * loaded by a running router.
 */
package click.docgen;
