package meta

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// stopWords lists the commonest function words of each language. They are
// what tells one language from another in a few lines of text, and what
// tells running prose from menus and labels.
var stopWords = map[string][]string{
	"en": strings.Fields(`the of and to a in is that for it was on with as he be by at are
		this his from have or an they which but not had has were been their its
		she her we will would there who can if more when said also into than
		our you about after what so them could these other did may`),
	"de": strings.Fields(`der die und in den von zu das mit sich des auf für ist im dem
		nicht ein eine als auch es an werden aus er hat dass sie nach wird bei
		einer um am sind noch wie einem über einen so zum war haben nur oder
		aber vor zur bis mehr durch man sein wurde sei ich wir`),
	"fr": strings.Fields(`le de la les et des en du un une est que pour dans qui par sur
		au pas il ne se plus sont avec ce a été aux elle son sa ses ont mais
		comme ou nous vous leur cette être aussi fait je ils été dont`),
	"es": strings.Fields(`el la de que y en los del se las por un para con una no es al
		lo como más pero sus le ya o fue este ha sí porque esta son entre
		cuando muy sin sobre también me hasta hay donde su desde todo nos`),
	"it": strings.Fields(`il di che e la in un per non una sono del della le da si con
		dei al è gli anche come nel alla più ma lo ha delle questo ci ne
		nella sul tra essere dal stato dalla hanno degli loro suo sua`),
	"pt": strings.Fields(`o de a que e do da em um para com não uma os no se na por mais
		as dos como mas ao ele das à seu sua ou quando muito nos já também
		só pelo pela até isso ela entre depois sem mesmo aos ter seus você
		nesta sempre está são foi`),
	"nl": strings.Fields(`de het een en van in is dat op te zijn met voor niet aan er
		ook als om maar dan bij of uit door naar werd wordt nog ze hij zij
		over tot worden deze die wat heeft hebben meer waren kan`),
	"sv": strings.Fields(`och att det som en på är av för med till den har inte de om
		ett var jag han men sig så från vid kan när efter också hade eller
		under nu detta sina hon vi`),
	"pl": strings.Fields(`i w na z się że do nie jest to o jak po co tak przez ale od za
		jego są dla być który może ich także oraz już tym tego jej było`),
	"ru": strings.Fields(`и в не на что с по как это он к а из но у за о же от для так
		то все она вы мы бы его ее был было только уже или до если их
		при когда чтобы также после может`),
	"id": strings.Fields(`yang dan di dari ini itu dengan untuk tidak dalam akan pada
		juga ke ada karena oleh saya atau sebagai bisa telah kita mereka
		sudah para adalah lebih hanya jika harus saat`),
	"tl": strings.Fields(`ang ng mga sa na ay si ni kay hindi ito siya niya kanyang
		naman lang rin din ako kami tayo sila nila kung dahil pero nang noong
		kanilang isang nasa lamang daw raw yung iyon dito doon ngayon ba`),
	"tr": strings.Fields(`ve bir bu da de için ile olarak çok daha gibi olan en ama
		sonra kadar değil ise göre ancak mi şu her olduğunu`),
	// Albanian's own function words: its shortest ("e", "i", "u", "se",
	// "me", "si") are other languages' too.
	"sq": strings.Fields(`të në dhe për një që nga është nuk më janë edhe kjo këtë pas
		ishte së ku mund tij saj duke deri ose shumë kanë ky atë tyre sipas
		gjatë ajo kishte apo vetëm jo`),
}

// IsStopWord reports whether word (any case) is a function word of lang.
// With lang "", it reports whether word is one in any known language.
func IsStopWord(lang, word string) bool {
	var buf [maxStopLen]byte
	var ls []uint8
	if lw, ascii := lowerASCII(&buf, word); ascii {
		if lw == nil {
			return false
		}
		ls = stopLangIndex[string(lw)]
	} else {
		ls = stopLangIndex[strings.ToLower(word)]
	}
	if len(ls) == 0 {
		return false
	}
	if lang == "" {
		return true
	}
	for _, l := range ls {
		if stopLangs[l] == lang {
			return true
		}
	}
	return false
}

// Words splits text into runs of letters and digits, the unit every
// frequency here counts.
func Words(text string) []string {
	n := 0
	eachWord(text, func(string) { n++ })
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	eachWord(text, func(w string) { out = append(out, w) })
	return out
}

// eachWord calls fn with each word of text, in order, as Words splits
// them, without allocating.
func eachWord(text string, fn func(w string)) {
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if !isWordByte(c) {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(text[i:]); !isWordRune(r) {
			i += size
			continue
		}
		start := i
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				if !isWordByte(c) {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			i += size
		}
		fn(text[start:i])
	}
}

// isWordByte is isWordRune for an ASCII byte.
func isWordByte(c byte) bool { return asciiWord[c] }

// asciiWord marks the ASCII letters, digits and '_'.
var asciiWord = func() (m [utf8.RuneSelf]bool) {
	for c := range m {
		m[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
	}
	return m
}()

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_'
}

// maxLangBytes bounds the work Language does on a long text: the first
// 200 KB decide.
const maxLangBytes = 200000

// Language guesses the BCP 47 language of text from how often each
// language's function words occur, and from the script for Chinese,
// Japanese, Korean, Arabic, Greek, Hebrew and the scripts of
// oneLanguageScripts. It returns "" when the text
// is too short or no language clearly wins.
func Language(text string) string {
	if l := scriptLanguage(text); l != "" {
		return l
	}
	if len(text) > maxLangBytes {
		cut := maxLangBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	// Count in one pass, without the slice of words or lowercased
	// copies: an ASCII word longer than every function word cannot be
	// one, and a shorter one is lowercased on the stack.
	var counts [len(stopLangs)]int
	words := 0
	var buf [maxStopLen]byte
	eachWord(text, func(w string) {
		words++
		var langs []uint8
		if lw, ascii := lowerASCII(&buf, w); ascii {
			if lw == nil {
				return
			}
			langs = stopLangIndex[string(lw)]
		} else {
			langs = stopLangIndex[strings.ToLower(w)]
		}
		for _, l := range langs {
			counts[l]++
		}
	})
	if words < 4 {
		return ""
	}
	// stopLangs is sorted, as the languages were compared in name order.
	best, second := -1, -1
	for l, c := range counts {
		if c == 0 {
			continue
		}
		switch {
		case best < 0 || c > counts[best]:
			best, second = l, best
		case second < 0 || c > counts[second]:
			second = l
		}
	}
	if best < 0 {
		return ""
	}
	n := counts[best]
	// Prose is a quarter or more function words; demand a clear share and
	// a clear lead over the runner-up so a list of names stays unknown.
	if n < 2 || float64(n) < 0.08*float64(words) {
		return ""
	}
	if second >= 0 && float64(counts[second]) > 0.8*float64(n) {
		return ""
	}
	return stopLangs[best]
}

// lowerASCII lowercases an ASCII word into buf. It returns ascii false
// for a word with other characters, and nil for one too long to be a
// function word.
func lowerASCII(buf *[maxStopLen]byte, w string) (lw []byte, ascii bool) {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return nil, false
		}
	}
	if len(w) > maxStopLen {
		return nil, true
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(w)], true
}

// stopLangs are the languages of stopWords in name order.
var stopLangs = [...]string{"de", "en", "es", "fr", "id", "it", "nl", "pl", "pt", "ru", "sq", "sv", "tl", "tr"}

// maxStopLen is the length in bytes of the longest function word.
const maxStopLen = 16

// stopLangIndex maps a lower-case function word to the indexes in
// stopLangs of its languages, in order. It is built once, read only.
var stopLangIndex = buildStopLangIndex()

func buildStopLangIndex() map[string][]uint8 {
	if len(stopLangs) != len(stopWords) {
		panic("meta: stopLangs does not list the languages of stopWords")
	}
	idx := make(map[string][]uint8)
	for i, l := range stopLangs {
		ws, ok := stopWords[l]
		if !ok || i > 0 && stopLangs[i-1] >= l {
			panic("meta: stopLangs is not the sorted languages of stopWords")
		}
		for _, w := range ws {
			if len(w) > maxStopLen {
				panic("meta: a function word is longer than maxStopLen")
			}
			idx[w] = append(idx[w], uint8(i))
		}
	}
	return idx
}

// scriptLanguage names the language of text when its letters are mostly
// of a script that one language dominates.
func scriptLanguage(text string) string {
	var han, kana, hangul, arabic, greek, hebrew, letters int
	var single [len(oneLanguageScripts)]int
	for i := 0; i < len(text); {
		if i > maxLangBytes {
			break
		}
		// ASCII letters are of none of the scripts counted.
		if c := text[i]; c < utf8.RuneSelf {
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
				letters++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			kana++
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Arabic, r):
			arabic++
		case unicode.Is(unicode.Greek, r):
			greek++
		case unicode.Is(unicode.Hebrew, r):
			hebrew++
		default:
			for i, sc := range oneLanguageScripts {
				if unicode.Is(sc.table, r) {
					single[i]++
					break
				}
			}
		}
	}
	if letters == 0 {
		return ""
	}
	share := func(n int) bool { return float64(n) > 0.3*float64(letters) }
	switch {
	case kana*20 > letters && share(kana+han):
		return "ja"
	case share(han):
		return "zh"
	case share(hangul):
		return "ko"
	case share(arabic):
		return "ar"
	case share(greek):
		return "el"
	case share(hebrew):
		return "he"
	}
	for i, n := range single {
		if share(n) {
			return oneLanguageScripts[i].lang
		}
	}
	return ""
}

// oneLanguageScripts are scripts that one language writes nearly alone:
// its letters name the language (a Gujarati article under lang="en-IN").
// Devanagari, Bengali and Cyrillic serve several languages and are not
// among them.
var oneLanguageScripts = [...]struct {
	table *unicode.RangeTable
	lang  string
}{
	{unicode.Gujarati, "gu"}, {unicode.Gurmukhi, "pa"}, {unicode.Tamil, "ta"}, {unicode.Telugu, "te"},
	{unicode.Kannada, "kn"}, {unicode.Malayalam, "ml"}, {unicode.Sinhala, "si"}, {unicode.Thai, "th"},
	{unicode.Lao, "lo"}, {unicode.Khmer, "km"}, {unicode.Georgian, "ka"}, {unicode.Armenian, "hy"},
}

// Detectable reports whether Language can recognise the language of a
// BCP 47 tag, so that a text it finds in another language contradicts
// the tag.
func Detectable(tag string) bool {
	p := strings.ToLower(tag)
	if i := strings.IndexAny(p, "-_"); i >= 0 {
		p = p[:i]
	}
	switch p {
	case "zh", "ja", "ko", "ar", "el", "he":
		return true
	}
	for _, sc := range oneLanguageScripts {
		if sc.lang == p {
			return true
		}
	}
	_, ok := stopWords[p]
	return ok
}
