package meta

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/digest-news/digest/internal/news"
)

func TestParseDateline(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Dateline
		ok   bool
	}{
		{"UNI with date", "Moscow/Pyongyang, July 12 (UNI) Russian Foreign Minister Sergey Lavrov's recent arrival", Dateline{Place: "Moscow/Pyongyang", Month: time.July, Day: 12, Agency: "UNI"}, true},
		{"AP with state", "KYIV, Ukraine (AP) — President Trump is expected", Dateline{Place: "KYIV, Ukraine", Agency: "AP"}, true},
		{"Reuters hyphen", "LONDON (Reuters) - Britain's economy grew", Dateline{Place: "LONDON", Agency: "Reuters"}, true},
		{"place and dash only", "WEST PALM BEACH, Fla. — Former President Donald Trump said", Dateline{Place: "WEST PALM BEACH, Fla."}, true},
		{"AP abbreviated state", "BRIDGEWATER, N.J. (AP) — NATO Secretary-General Mark Rutte", Dateline{Place: "BRIDGEWATER, N.J.", Agency: "AP"}, true},
		{"agency only", "(Reuters) — The New York State Attorney General (NYAG) is investigating WeWork", Dateline{Agency: "Reuters"}, true},
		{"Xinhua with abbreviated month", "BEIJING, Nov. 19 (Xinhua) -- China's economy", Dateline{Place: "BEIJING", Month: time.November, Day: 19, Agency: "Xinhua"}, true},
		{"day before month", "Moscow, 12 July (TASS) - Russia said", Dateline{Place: "Moscow", Month: time.July, Day: 12, Agency: "TASS"}, true},
		{"date with year and dash", "New Delhi, July 12, 2025 - The government said", Dateline{Place: "New Delhi", Month: time.July, Day: 12, Year: 2025}, true},
		{"capital city dash", "VIENNA — The house where Adolf Hitler was born", Dateline{Place: "VIENNA"}, true},
		{"plain sentence", "Lavrov's visit to North Korea was the latest in a series of high-profile trips.", Dateline{}, false},
		{"sentence with dash", "North Korea only confirmed it had deployed troops -- one of leader Kim's projects.", Dateline{}, false},
		{"mixed-case word and dash", "Meanwhile — the talks went on", Dateline{}, false},
		{"parenthesis in prose", "The New York State Attorney General (NYAG) is investigating", Dateline{}, false},
		{"empty", "", Dateline{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseDateline(tt.in)
			if ok != tt.ok || got != tt.want {
				t.Errorf("ParseDateline(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func FuzzParseDateline(f *testing.F) {
	for _, s := range []string{
		"Moscow/Pyongyang, July 12 (UNI) Russian", "KYIV, Ukraine (AP) —", "LONDON (Reuters) -",
		"WEST PALM BEACH, Fla. —", "(Reuters) — x", "A, B, C, D (", "(((", "X, 99 July (", "\xff(\xfe)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDateline(s)
		if !ok {
			if d != (Dateline{}) {
				t.Errorf("ParseDateline(%q) = %+v without ok", s, d)
			}
			return
		}
		if d.Place != "" && !strings.Contains(s, strings.Split(d.Place, ",")[0]) {
			t.Errorf("place %q not in %q", d.Place, s)
		}
		if d.Day < 0 || d.Day > 31 || d.Month < 0 || d.Month > 12 {
			t.Errorf("bad date in %+v", d)
		}
		if d.Place == "" && d.Agency == "" {
			t.Errorf("dateline %+v names neither place nor agency", d)
		}
	})
}

func TestAgencyFromTrailer(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  string
	}{
		{"AFP sign-off", []string{"kjk/ceb/dhc"}, "AFP"},
		{"AFP two desks", []string{"", "sst/bc"}, "AFP"},
		{"Reuters credits", []string{"(Reporting by Will Dunham; Editing by Tom Brown)"}, "Reuters"},
		{"Reuters copyright", []string{"© Reuters"}, "Reuters"},
		{"AP contributed", []string{"The Associated Press contributed to this report."}, "AP"},
		{"dash agency", []string{"-- AFP"}, "AFP"},
		{"UNI in parentheses", []string{"(UNI)"}, "UNI"},
		{"nothing", []string{"Orange background", "Try Our AI Features"}, ""},
		{"upper-case initials are not a sign-off", []string{"KJK/CEB"}, ""},
		{"long prose naming an agency", []string{"Officials told Reuters on Monday that the plan would go ahead as scheduled."}, ""},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AgencyFromTrailer(tt.lines); got != tt.want {
				t.Errorf("AgencyFromTrailer(%q) = %q, want %q", tt.lines, got, tt.want)
			}
		})
	}
}

func TestIsCredit(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"kjk/ceb/dhc", true},
		{"(Reporting by Greg Roumeliotis; editing by Martin Howell.)", true},
		{"© Reuters", true},
		{"-- AFP", true},
		{"and/or", false}, // words, not desks' initials
		{"He said so.", false},
		{"Reuters", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := IsCredit(tt.in); got != tt.want {
				t.Errorf("IsCredit(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// comeyMemos is a reduced undated HuffPost record of NewsWCL50: the only
// full date is that of a memo, in a long paragraph far from the top.
var comeyMemos = strings.Join([]string{
	"Here Are The Redacted Copies Of The Comey Memos",
	`"He said he was grateful for the conversation, said more nice things about me and how he looks forward to working with me," Comey wrote of meeting with Trump.`,
	"The Department of Justice released copies of the so-called Comey memos to congressional leaders on Thursday, hours after the leaders of three House committees threatened to subpoena them. The memos were written by former FBI director James Comey after his conversations with the president.",
	"In one of the memos, Comey describes a dinner at the White House at which the president raised the subject of loyalty, and in another a conversation about the investigation of his former national security adviser, which Comey said he took as a request to drop it.",
	"The documents also describe a memo dated Feb. 8, 2017, in which Comey recounted a meeting with the then chief of staff about the channels the White House should use to reach the bureau, a subject the memos return to several times over the following weeks.",
}, "\n")

func TestFindDate(t *testing.T) {
	tests := []struct {
		name string
		text string
		hint Dateline
		want time.Time
		ok   bool
	}{
		{"month day year", "U.S. President Donald Trump on Tuesday (July 15, 2025) downplayed", Dateline{}, date(2025, time.July, 15), true},
		{"abbreviated month", "Published Nov. 19, 2019, 8:41 AM UTC", Dateline{}, date(2019, time.November, 19), true},
		{"day month year", "As of 29 November 2018, thirty artworks will light up", Dateline{}, date(2018, time.November, 29), true},
		{"iso", "By admin - 2018-09-16", Dateline{}, date(2018, time.September, 16), true},
		{"dateline completed by a full date", "Talks were held. On July 15, 2025 he left.", Dateline{Month: time.July, Day: 12}, date(2025, time.July, 12), true},
		{"dateline completed by the one year", "The summit in June 2024 set the terms.", Dateline{Month: time.July, Day: 12}, date(2024, time.July, 12), true},
		{"dateline with two years is unsure", "The 2024 pact and the 2026-2027 plan.", Dateline{Month: time.July, Day: 12}, time.Time{}, false},
		{"dateline with its own year", "", Dateline{Month: time.July, Day: 12, Year: 2025}, date(2025, time.July, 12), true},
		{"impossible day", "February 30, 2024 and nothing else", Dateline{}, time.Time{}, false},
		{"no date", "Lavrov lauded Wonsan as a good tourist attraction.", Dateline{}, time.Time{}, false},
		{"year alone is not a date", "In 2022 the war began.", Dateline{}, time.Time{}, false},
		// Without a dateline, a date deep in a paragraph is one the story
		// mentions: it is not the article's (NewsWCL50's HuffPost records).
		{"body date is not the article's", comeyMemos, Dateline{}, time.Time{}, false},
		{"date line of its own further down", comeyMemos + "\nPublished April 20, 2018 02:14 AM ET\n", Dateline{}, date(2018, time.April, 20), true},
		{"lead's date before a body date", "Trump Hosts Macron\nWASHINGTON — On April 24, 2018 the president welcomed his French counterpart.\n" + comeyMemos, Dateline{}, date(2018, time.April, 24), true},
		{"dateline still takes the year from a body date", comeyMemos, Dateline{Month: time.April, Day: 19}, date(2017, time.April, 19), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := FindDate(tt.text, tt.hint)
			if ok != tt.ok || !got.Equal(tt.want) {
				t.Errorf("FindDate(%q, %+v) = %v, %v; want %v, %v", tt.text, tt.hint, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"en", "Lavrov told Kim that Putin hopes for continued direct contacts in the very near future, according to the Russian state news agency.", "en"},
		{"de", "Die Digitalisierung als Wachstums- und Entwicklungstreiber zieht sich bereits heute durch fast alle Branchen, und das ist auch gut so für die Wirtschaft.", "de"},
		{"fr", "Le ministre russe des Affaires étrangères est arrivé dans la capitale pour une visite de trois jours, selon les médias de l'État.", "fr"},
		{"es", "El ministro ruso de Asuntos Exteriores llegó a la capital para una visita de tres días, según los medios del país.", "es"},
		{"it", "Il ministro degli esteri russo è arrivato nella capitale per una visita di tre giorni, secondo i media di stato che non hanno detto altro.", "it"},
		{"pt", "Nesta página você terá sempre a classificação atualizada da NASCAR até a última corrida, com os pontos de cada piloto e as vitórias.", "pt"},
		{"ru", "Наши герои знают толк не только во вкусе, но и в красоте еды, и это видно по их страницам в Инстаграме.", "ru"},
		{"id", "Saya dulu merasa kehidupan semua sahabat rukun dan damai. Itu benar di zaman Nabi, dan mereka tidak pernah bertengkar.", "id"},
		{"tl (hataw, under lang=\"en-US\")", "Talagang sunod-sunuran lamang si female star sa kung ano man ang gustong mangyari ng kanyang boyfriend. Takot kasi siyang mapahiya.", "tl"},
		{"ja", "先日、不正に改造したiPhoneを販売したとして、商標法違反の疑いで男性が逮捕されました。", "ja"},
		{"zh", "北京时间今天上午，国家主席在人民大会堂会见了来访的外国领导人。", "zh"},
		{"sq (standard.al, under lang=\"en-US\")", "Franca ka shënuar një ditë tragjike pasi 1 mijë e 438 pacientë ndërruan jetë vetëm në 24 orët e fundit prej COVID-19. Tashmë numri total i viktimave në Francë ka shkuar në 17 mijë.", "sq"},
		{"gu (divyabhaskar, under lang=\"en_IN\")", "વડોદરા. કોરોના વાઈરસે વિશ્વભરમાં ભરડો લીધો છે.ત્યારે વાઈરસની સૌથી વધુ અસર ઈટલી બાદ હવે અમેરિકા", "gu"},
		{"it, whose e and si are Albanian's too", "La squadra è tornata a casa e si è allenata per la partita di domenica, che sarà decisiva per il campionato.", "it"},
		{"names only", "Kyle Busch Martin Truex Kevin Harvick Denny Hamlin", ""},
		{"too short", "Hi", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Language(tt.text); got != tt.want {
				t.Errorf("Language(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	long := strings.Repeat("The talks went on for hours and ended late. ", 12)
	words := strings.Repeat("word ", 100)
	tests := []struct {
		name   string
		blocks []news.Block
		want   string
	}{
		{"first paragraph", []news.Block{{Kind: news.Heading, Text: "Invincible alliance"}, {Text: "Kim and Lavrov met on Saturday in an atmosphere full of warm comradely trust."}, {Text: "Second."}},
			"Kim and Lavrov met on Saturday in an atmosphere full of warm comradely trust."},
		{"skips a short label", []news.Block{{Text: "Updated"}, {Text: "Kim and Lavrov met on Saturday in an atmosphere full of warm comradely trust."}},
			"Kim and Lavrov met on Saturday in an atmosphere full of warm comradely trust."},
		{"cut at a sentence end", []news.Block{{Text: long}}, strings.TrimSpace(strings.Repeat("The talks went on for hours and ended late. ", 6))},
		{"cut at a word", []news.Block{{Text: words}}, strings.TrimSpace(strings.Repeat("word ", 60)) + "…"},
		{"nothing", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Summary(tt.blocks)
			if got != tt.want {
				t.Errorf("Summary = %q, want %q", got, tt.want)
			}
			if len(got) > summaryMax+len("…") || !utf8.ValidString(got) {
				t.Errorf("Summary too long or invalid: %d bytes", len(got))
			}
		})
	}
}

func TestParseByline(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"By Jane Doe", "Jane Doe", true},
		{"By Eric Song, IGN Staff", "Eric Song", true},
		{"by Bryan DeArdo", "Bryan DeArdo", true},
		{"BY: Beachbody", "Beachbody", true},
		{"By Kashmira Gander On 11/13/19 at 4:00 PM EST", "Kashmira Gander", true},
		{"Von Moritz Bachmann publiziert am 25. September 2018", "Moritz Bachmann", true},
		{"By Phil Helsel and Jane Doe", "Phil Helsel and Jane Doe", true},
		{"by the way, this is not one", "", false},
		{"Byzantine empire", "", false},
		{"By", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseByline(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ParseByline(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}
