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
	"tr": strings.Fields(`ve bir bu da de için ile olarak çok daha gibi olan en ama
		sonra kadar değil ise göre ancak mi şu her olduğunu`),
}

// stopIndex maps a lower-case word to the languages it is a function word
// of. It is built once, read only.
var stopIndex = buildStopIndex()

func buildStopIndex() map[string][]string {
	idx := make(map[string][]string)
	langs := make([]string, 0, len(stopWords))
	for l := range stopWords {
		langs = append(langs, l)
	}
	sortStrings(langs)
	for _, l := range langs {
		for _, w := range stopWords[l] {
			idx[w] = append(idx[w], l)
		}
	}
	return idx
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// IsStopWord reports whether word (any case) is a function word of lang.
// With lang "", it reports whether word is one in any known language.
func IsStopWord(lang, word string) bool {
	ls, ok := stopIndex[strings.ToLower(word)]
	if !ok {
		return false
	}
	if lang == "" {
		return true
	}
	for _, l := range ls {
		if l == lang {
			return true
		}
	}
	return false
}

// Words splits text into runs of letters and digits, the unit every
// frequency here counts.
func Words(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}

// maxLangBytes bounds the work Language does on a long text: the first
// 200 KB decide.
const maxLangBytes = 200000

// Language guesses the BCP 47 language of text from how often each
// language's function words occur, and from the script for Chinese,
// Japanese, Korean, Arabic, Greek and Hebrew. It returns "" when the text
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
	words := Words(text)
	if len(words) < 4 {
		return ""
	}
	counts := map[string]int{}
	for _, w := range words {
		for _, l := range stopIndex[strings.ToLower(w)] {
			counts[l]++
		}
	}
	best, second := "", ""
	for _, l := range sortedKeys(counts) {
		switch {
		case best == "" || counts[l] > counts[best]:
			best, second = l, best
		case second == "" || counts[l] > counts[second]:
			second = l
		}
	}
	if best == "" {
		return ""
	}
	n := counts[best]
	// Prose is a quarter or more function words; demand a clear share and
	// a clear lead over the runner-up so a list of names stays unknown.
	if n < 2 || float64(n) < 0.08*float64(len(words)) {
		return ""
	}
	if second != "" && float64(counts[second]) > 0.8*float64(n) {
		return ""
	}
	return best
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortStrings(keys)
	return keys
}

// scriptLanguage names the language of text when its letters are mostly
// of a script that one language dominates.
func scriptLanguage(text string) string {
	var han, kana, hangul, arabic, greek, hebrew, letters int
	for i, r := range text {
		if i > maxLangBytes {
			break
		}
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
	return ""
}
