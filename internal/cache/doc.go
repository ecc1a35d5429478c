// Package cache holds what digest keeps on disk between runs, done one
// way for the whole program:
//
//   - WriteFile and Create write a file atomically: the bytes go to a
//     temporary file in the same folder (named by TempName, recognised by
//     IsTemp, so that a run killed part-way leaves nothing a later run
//     cannot clean up), are flushed to disk when the caller asks for it
//     (Durable), and the file is renamed into place.
//   - Program identifies the running executable (by its Go build ID, else
//     a hash of its bytes), so that a cache written by other code is not
//     trusted.
//   - Seal and Open wrap a cache file's payload in a checksummed envelope
//     that names what the payload is, the program and the options that
//     made it: a torn, damaged, stale or foreign file is refused whole.
//   - Encoder and Decoder are the one binary layout of the payloads:
//     varints, length-prefixed bytes and strings, fixed-size blocks, and
//     a decoder whose first error sticks.
//
// A cache only saves time: every caller treats a file Open refuses as an
// empty cache, never as an error.
package cache
