// Package content is the content/ store: articles as Markdown files with
// YAML front matter under content/articles/, and editors' thread files
// under content/threads/. It reads them all, reporting every bad file by
// name and line, and writes articles atomically, never overwriting a file a
// person has edited since the tool wrote it (a checksum in the front
// matter tells).
package content
