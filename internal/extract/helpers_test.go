package extract

import (
	"net/url"
	"strconv"
	"unicode/utf8"
)

type urlT = url.URL

func parseURL(s string) (*url.URL, error) { return url.Parse(s) }

func strconvQuote(s string) string { return strconv.Quote(s) }

func utf8Valid(s string) bool { return utf8.ValidString(s) }
