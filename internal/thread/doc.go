// Package thread groups news articles into story threads, online and
// stably: each article joins the thread of the same news event or starts
// one, thread ids derive from the founding article and never change, and
// syndicated copies or close rewrites of an earlier article are recognised.
// Describe gives a thread its headline, summary, tags and outlets.
package thread
