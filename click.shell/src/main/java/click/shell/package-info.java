/**
 * Gogo shell commands (scope click) to inspect and change live routers.
 */
package click.shell;
