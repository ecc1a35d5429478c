// Package meta recovers an article's metadata from its plain text: the
// dateline ("LONDON (Reuters) -"), the news agency behind a wire sign-off,
// dates written in the text, the language and a short summary. Every
// function takes plain data and returns plain data.
package meta
