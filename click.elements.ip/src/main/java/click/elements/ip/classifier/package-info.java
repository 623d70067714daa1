/**
 * The tcpdump-like pattern language of IPClassifier and IPFilter: a lexer and parser that turn a
 * pattern into an expression over header-field tests ({@link click.elements.ip.classifier.Expr}),
 * and a compiler that turns a list of (pattern, output) rules into a flat decision program
 * ({@link click.elements.ip.classifier.Program}) evaluated without allocation.
 */
package click.elements.ip.classifier;
