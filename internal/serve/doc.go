// Package serve is digest's preview server: it builds the site, serves the
// output folder on a local address, watches the site's sources and rebuilds
// on every change, and tells open pages to reload over server-sent events.
// A failed build is shown in the browser and on the terminal while the last
// good site keeps being served; the server never leaves the output folder.
//
// The build itself is injected (Options.Build), so that the command line
// decides what a build is (today a full site.Build; later an incremental
// one) and tests can drive the server without a site.
package serve
