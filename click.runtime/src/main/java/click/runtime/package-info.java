/**
 * The Click language (lexer, parser, compound elements, variables), the router graph with its port and processing checks, element instantiation through ElementFactory services, handlers, and the single-threaded driver.
 */
package click.runtime;
