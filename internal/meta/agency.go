package meta

import (
	"strings"
	"unicode"
)

// agencyNames maps how agencies are written in sign-offs and credits to
// the name used in front matter. Keys are lower case.
var agencyNames = map[string]string{
	"afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
	"reuters": "Reuters", "thomson reuters": "Reuters",
	"ap": "AP", "associated press": "AP", "the associated press": "AP",
	"uni": "UNI", "pti": "PTI", "ians": "IANS", "ani": "ANI",
	"xinhua": "Xinhua", "tass": "TASS", "dpa": "dpa", "ansa": "ANSA",
	"efe": "EFE", "kyodo": "Kyodo", "yonhap": "Yonhap", "bloomberg": "Bloomberg",
	"upi": "UPI", "anadolu": "Anadolu", "bernama": "Bernama", "apa": "APA",
}

// AgencyName returns the usual spelling of a news agency's name, or "" if
// s names no agency known here.
func AgencyName(s string) string {
	return agencyNames[strings.ToLower(strings.TrimSpace(s))]
}

// AgencyFromTrailer names the news agency whose house style the lines
// after an article follow: AFP signs off with its editors' lower-case
// initials ("kjk/ceb/dhc"), Reuters with "(Reporting by …; Editing by …)",
// and many credit themselves ("© AFP", "-- Reuters", "(AP)"). It returns ""
// when no line says.
func AgencyFromTrailer(lines []string) string {
	for _, l := range lines {
		if a := agencyOfLine(strings.TrimSpace(l)); a != "" {
			return a
		}
	}
	return ""
}

func agencyOfLine(l string) string {
	if l == "" || len(l) > 400 {
		return ""
	}
	if IsSignOff(l) {
		return "AFP"
	}
	low := strings.ToLower(l)
	if strings.Contains(low, "reporting by") || strings.Contains(low, "editing by") ||
		strings.Contains(low, "writing by") {
		return "Reuters"
	}
	if strings.Contains(low, "associated press") {
		return "AP"
	}
	if strings.Contains(low, "agence france") {
		return "AFP"
	}
	// A short credit line: "© Reuters", "-- AFP", "(UNI)", "Source: Xinhua".
	words := Words(l)
	if len(words) > 4 {
		return ""
	}
	for _, w := range words {
		if a := AgencyName(w); a != "" {
			return a
		}
	}
	return ""
}

// IsSignOff reports whether l is a wire desk's sign-off: two or more
// groups of two to four lower-case letters joined by '/' ("kjk/ceb/dhc",
// "sst/bc"), maybe with a trailing "-AFP".
func IsSignOff(l string) bool {
	l = strings.TrimSpace(l)
	if len(l) > 40 {
		return false
	}
	parts := strings.Split(l, "/")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if len(p) < 2 || len(p) > 4 {
			return false
		}
		for _, r := range p {
			if !unicode.IsLower(r) || r > unicode.MaxASCII {
				return false
			}
		}
		if IsStopWord("", p) {
			return false // "and/or" is words, not initials
		}
	}
	return true
}

// IsCredit reports whether l is a credit line that closes wire copy:
// "(Reporting by …; Editing by …)", "© Reuters", "-- AFP", or a sign-off.
func IsCredit(l string) bool {
	if len(l) > 400 {
		return false // credits are one short line
	}
	l = strings.TrimSpace(l)
	if IsSignOff(l) {
		return true
	}
	low := strings.ToLower(l)
	if strings.HasPrefix(low, "(reporting by") || strings.HasPrefix(low, "reporting by") ||
		strings.HasPrefix(low, "(editing by") || strings.HasPrefix(low, "(writing by") ||
		strings.HasPrefix(low, "(additional reporting") || strings.HasPrefix(low, "additional reporting by") {
		return true
	}
	words := Words(l)
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	if strings.HasPrefix(l, "©") || strings.HasPrefix(l, "--") || strings.HasPrefix(l, "—") ||
		strings.HasPrefix(l, "(") || strings.HasPrefix(low, "source:") {
		for _, w := range words {
			if AgencyName(w) != "" {
				return true
			}
		}
	}
	return false
}
