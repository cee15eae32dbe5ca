/**
 * The documentation site, built by {@code ./nodelab docs [--out DIR]} into static pages readable
 * offline: a landing page, a getting-started tutorial and a page per area written in CommonMark
 * under {@code docs/}, every shipped notebook rendered by the runner's own renderer, a gallery of
 * the notebooks' charts, and the API reference made by the JDK's javadoc. {@link
 * org.nodelab.site.LinkChecker} proves every internal link, anchor and image of the result resolves.
 */
package org.nodelab.site;
