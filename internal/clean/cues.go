package clean

import (
	"strings"
	"unicode"
)

// tailCues are the labels that close an article on news pages: the
// comments, related stories, tags and sign-up boxes that follow it. They
// are matched against short lines only, as the whole line or its start.
var tailCues = []string{
	// English
	"related", "related articles", "related stories", "related posts", "related content",
	"related coverage", "related news", "related tags", "related topics", "related links",
	"comments", "comment", "top rated comments", "leave a comment", "leave a reply", "post a comment",
	"add a comment", "join the discussion", "join the conversation", "view comments", "show comments",
	"no comments yet", "view the discussion thread", "you may also like", "you might also like",
	"you may like", "recommended", "recommended stories", "recommended for you", "recommended articles",
	"most read", "most popular", "most viewed", "most shared", "trending", "trending now", "read next",
	"up next", "more stories", "more from", "more in", "more on", "more news", "more great", "latest news",
	"also read", "see also", "further reading", "what's your reaction", "whats your reaction", "hashtags",
	"tags", "topics", "filed under", "share this", "share this story", "share this article", "sharing is caring",
	"about the author", "newsletter", "sign up for our newsletter", "download the app", "get the app",
	"don't miss", "dont miss", "editor's picks", "editors picks", "popular", "previous post",
	"next post", "previous article", "next article", "categories", "reader comments", "discussion",
	"around the web", "from the web", "promoted stories", "sponsored stories", "top stories", "next up",
	// German
	"kommentare", "ähnliche artikel", "weitere beiträge", "mehr zum thema", "lesen sie auch", "das könnte sie auch interessieren",
	"verwandte artikel", "weitere artikel", "schlagworte", "teilen",
	// French
	"commentaires", "articles similaires", "à lire aussi", "lire aussi", "sur le même sujet", "à lire également", "partager",
	// Spanish, Italian, Portuguese
	"comentarios", "artículos relacionados", "noticias relacionadas", "te puede interesar", "lee también",
	"commenti", "articoli correlati", "leggi anche", "comentários", "notícias relacionadas", "leia também",
	"leia mais", "veja também", "compartilhe",
	// Dutch, Russian, Indonesian, Japanese
	"reacties", "lees ook", "gerelateerde artikelen", "комментарии", "читайте также", "похожие статьи",
	"другие новости", "baca juga", "berita terkait", "komentar", "関連記事",
}

// junkCues mark page furniture anywhere on the page: share buttons, ad
// labels, sign-in links, credits. A short line that is or starts with one
// is not article text.
var junkCues = []string{
	"advertisement", "advertising", "sponsored", "sponsored links", "ad", "ads", "share", "tweet", "email",
	"e-mail", "print", "facebook", "twitter", "linkedin", "whatsapp", "pinterest", "reddit", "flipboard",
	"pocket", "telegram", "copy link", "copy", "link", "embed", "menu", "home", "search", "sign in", "log in",
	"login", "sign up", "subscribe", "register", "skip to", "close", "cookie", "cookies", "privacy policy",
	"privacy", "terms of service", "terms of use", "terms", "all rights reserved", "copyright", "follow us",
	"follow", "click here", "image", "photo", "photograph", "credit", "image credit", "photo credit",
	"getty images", "file photo", "watch", "video", "listen", "loading", "published", "updated", "posted",
	"min read", "read more", "continue reading", "more", "back to top", "replay", "contact us", "about us",
	"logo", "download", "app store", "google play", "en español",
	"anzeige", "werbung", "publicité", "publicidad", "pubblicità", "iklan", "реклама", "поделиться",
	"compartir", "condividi", "compartilhar", "cetak", "lagi", "zurück zur übersicht", "weiterlesen",
	"lire la suite", "leer más", "leggi tutto", "saiba mais",
	"reply", "report abuse", "permalink", "load more", "show more", "view more", "view all", "see all",
}

// endCues are the tail cues that only ever follow an article: comment
// sections, "most read" lists, post navigation. Boxes of related links
// and share or newsletter prompts also sit inside articles.
var endCues = []string{
	"comments", "top rated comments", "leave a comment", "leave a reply", "post a comment", "add a comment",
	"join the discussion", "join the conversation", "view comments", "show comments", "no comments yet",
	"reader comments", "view the discussion thread", "you may also like", "you might also like", "you may like",
	"most read", "most popular", "most viewed", "most shared", "what's your reaction", "whats your reaction",
	"hashtags", "tags", "filed under", "about the author", "previous post", "next post", "previous article",
	"next article", "around the web", "from the web", "promoted stories", "recommended stories",
	"recommended for you", "more stories", "next up", "up next", "read next",
	"kommentare", "commentaires", "comentarios", "commenti", "comentários", "reacties", "комментарии", "komentar",
}

var tailSet, junkSet, endSet = makeSet(tailCues), makeSet(junkCues), makeSet(endCues)

func makeSet(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[normCue(s)] = true
	}
	return m
}

// normCue lower-cases s and keeps only its words, so "[ 167 comments ]"
// and "Comments:" read as "comments".
func normCue(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || r == '\'' || r == '’':
			if r == '’' {
				r = '\''
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// matchCue reports whether the normalised short line (normCue's: words
// one space apart) is a cue of set, or starts with one of up to three
// words. The openings are read in place: each ends before a space.
func matchCue(norm string, set map[string]bool) bool {
	if norm == "" {
		return false
	}
	if set[norm] {
		return true
	}
	for n, i := 1, 0; n <= 3; n++ {
		j := strings.IndexByte(norm[i:], ' ')
		if j < 0 {
			return false
		}
		i += j
		if set[norm[:i]] {
			return true
		}
		i++
	}
	return false
}

// promptWords give away sign-up boxes, consent notices and site credits
// that are written as sentences; they count in lines of up to twenty
// words.
var promptWords = []string{
	"newsletter", "subscribe", "subscription", "sign up", "signing up", "inbox", "privacy policy",
	"terms of service", "terms of use", "cookie", "all rights reserved", "click here", "javascript",
	"browser", "log in", "sign in", "download the app", "app store", "opt-in", "recaptcha",
	"advertisement", "affiliate", "follow us", "share this", "comment", "copyright",
}

// hasPrompt reports whether a lower-cased line contains a prompt word.
func hasPrompt(low string) bool {
	for _, w := range promptWords {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// captionMarks give away photo captions and credits, which ground truths
// and readers leave out of the article text.
var captionMarks = []string{
	"getty images", "(image:", "(photo:", "photo:", "image:", "ap photo", "file photo", "/ reuters",
	"/ ap", "/ afp", "| reuters", "| getty", "| bloomberg", "shutterstock", "(credit:", "credit:",
	"photograph:", "illustration:", "via reuters", "(pictured)",
}

// isCaption reports whether a line reads as a photo caption or credit;
// low is the line lower-cased.
func isCaption(t, low string) bool {
	for _, m := range captionMarks {
		if strings.Contains(low, m) {
			return true
		}
	}
	// Gallery captions: "1 of 4 Grass Valley's …", which open with a
	// digit.
	if w := strings.TrimLeftFunc(t, unicode.IsSpace); w == "" || w[0] < '0' || w[0] > '9' {
		return false
	}
	w := strings.Fields(t)
	if len(w) > 3 && w[1] == "of" && isNumber(w[0]) && isNumber(w[2]) {
		return true
	}
	return false
}

func isNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
