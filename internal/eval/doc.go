// Package eval holds the metrics the project is measured by: the shingle F1
// of the article-extraction benchmark, and the clustering scores (BCubed,
// pairwise) of story threading. The commands `digest eval extract` and
// `digest eval threads` print them.
package eval
