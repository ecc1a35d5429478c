package extract

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func paras(texts ...string) []block {
	bs := make([]block, len(texts))
	for i, t := range texts {
		bs[i] = block{kind: kPara, md: t, text: t}
	}
	return bs
}

func texts(bs []block) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.text
	}
	return out
}

func mustParse(tb testing.TB, page string) *html.Node {
	tb.Helper()
	doc, err := parse(page)
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

func TestSnap(t *testing.T) {
	xbox := "The Xbox One X is the ultimate video game system. It sports more horsepower than any system ever."
	ai := "AI hasn’t meaningfully changed anything in cybersecurity so far. Deep fake phishing is still rare."
	long := "Apple plans to release a new notebook next year, according to sources cited by the publication"
	tests := []struct {
		name   string
		page   string
		blocks []block
		want   []string
	}{
		{
			name:   "split paragraph made whole",
			page:   "<p>" + long + " <em><a href='https://d.example/'>DigiTimes</a></em>. A preview of the report was shared.</p>",
			blocks: paras("DigiTimes. A preview of the report was shared."),
			want:   []string{long + " DigiTimes. A preview of the report was shared."},
		},
		{
			name:   "lost spaces restored",
			page:   "<p>But growth usually <em>does</em> feel uncomfortable, doesn’t it?</p>",
			blocks: paras("But growth usuallydoesfeel uncomfortable, doesn’t it?"),
			want:   []string{"But growth usually does feel uncomfortable, doesn’t it?"},
		},
		{
			name:   "repeated paragraphs stay repeated",
			page:   strings.Repeat("<p>The same sentence is said here again and again.</p>", 3),
			blocks: paras("The same sentence is said here again and again.", "The same sentence is said here again and again.", "The same sentence is said here again and again."),
			want:   []string{"The same sentence is said here again and again.", "The same sentence is said here again and again.", "The same sentence is said here again and again."},
		},
		{
			// Reduced from Engadget's Xbox One X review (Mozilla
			// Readability's test pages): the summary came twice, once
			// from each library, though the page shows it once.
			name:   "a paragraph the page has once is given once",
			page:   "<div class='summary'><p>" + xbox + "</p></div><p>Gallery: Xbox One X | 14 Photos</p>",
			blocks: paras(xbox, xbox, "Gallery: Xbox One X | 14 Photos"),
			want:   []string{xbox, "Gallery: Xbox One X | 14 Photos"},
		},
		{
			// go-trafilatura renders a list item holding a paragraph
			// twice (Readability's "ol" test page).
			name:   "a list item's paragraph given once",
			page:   "<ol><li><p>" + ai + "</p></li></ol>",
			blocks: paras(ai, ai),
			want:   []string{ai},
		},
		{
			name:   "a paragraph the page has twice is given twice",
			page:   "<p>" + ai + "</p><p>Between them.</p><p>" + ai + "</p>",
			blocks: paras(ai, "Between them.", ai, ai),
			want:   []string{ai, "Between them.", ai},
		},
		{
			// Reduced from Readability's "lazy-image-3" test page:
			// go-trafilatura's fallback began the text with the <title>.
			name:   "the head's title taken off a block the body lacks",
			page:   "<html><head><title>Lazy Load with Alt includes jpg/png/webp extensions</title></head><body><article><h2>Test Case 1</h2><img alt='performance.jpg'><h2>Test Case 2</h2></article></body></html>",
			blocks: paras("Lazy Load with Alt includes jpg/png/webp extensions Test Case 1 Test Case 2"),
			want:   []string{"Test Case 1 Test Case 2"},
		},
		{
			name:   "a title the body begins with is kept",
			page:   "<html><head><title>Lorem Ipsum Story</title></head><body><p>Lorem Ipsum Story is the name of a paragraph that goes on.</p></body></html>",
			blocks: paras("Lorem Ipsum Story is the name of a paragraph that goes on."),
			want:   []string{"Lorem Ipsum Story is the name of a paragraph that goes on."},
		},
		{
			name:   "short text not matched inside a longer block",
			page:   "<div>1 Kyle Busch 5040 and a long line of other standings</div><p>1</p>",
			blocks: paras("1"),
			want:   []string{"1"},
		},
		{
			name:   "a teaser container much longer than the block is not taken",
			page:   "<div>" + strings.Repeat("Another teaser headline about something else entirely. ", 20) + "The one sentence of the article that matters here.</div>",
			blocks: paras("The one sentence of the article that matters here."),
			want:   []string{"The one sentence of the article that matters here."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, tt.page)
			got := texts(snap(tt.blocks, doc, renderBlocks(bodyOf(doc), nil, nil)))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("snap = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		line string
		drop bool
	}{
		{"Related: Possible Water Plumes on Europa", true},
		{"READ MORE:China plague outbreak confirmed", true},
		{"DON'T MISS", true},
		{"More Great WIRED Stories", true},
		{"You may also like:", true},
		{"Subscribe to the YouTube Channel for all of the latest videos!", true},
		{"Explore further", true},
		{"Filed under: Politics |", true},
		{"Write to Al Root at allen.root@example.com", true},
		{"Advertisement", true},
		// Lines left in by both libraries on pages of trafilatura's
		// evaluation (the developed-on half), in the languages it has most.
		{"Lea también: Impiden ingreso a Nicaragua a reportero y camarógrafo estadounidense", true},
		{"LE PUEDE INTERESAR: La ficha de Juan Orlando Hernández en el MDC de Nueva York", true},
		{"Czytaj też: Wyścig zbrojeń ruszył z kopyta", true},
		{"À lire aussi", true},
		{"Pour lire la suite et accéder gratuitement à 3 articles par mois, créez votre compte", true},
		{"Das könnte Sie auch interessieren!", true},
		{"Lesen Sie auch die folgenden Beiträge:", true},
		{"Zum Weiterlesen:", true},
		{"Mehr zum Thema", true},
		{"Weitere Themen", true},
		{"Abonniere unseren Newsletter", true},
		{"Category : Press Releases", true},
		{"Kategorie: News", true},
		{"Inhaltsverzeichnis", true},
		{"(Credit: Clayton Aldern / Grist)", true},
		{"Beitragsbild: Titelseite der FAZ vom 2.4.2019, Ausriss.", true},
		{"Sie sind aktuell nicht eingeloggt.", true},
		{"Aufrufe: 1120 | Hinzugefügt von: Posh | Tags: | Rating: 0.0/0", true},
		{"Anzeige, enthält Affiliate Links", true},
		{"If you enjoyed reading this post – would you consider supporting our work? Just click here. Thanks!", true},
		{"Weitere Informationen:", true},
		{"Externer Inhalt", true},
		{"Mehr dazu sagte der Minister am Dienstag nicht.", false},
		{"Lee: We never thought the council would agree to it.", false},
		{"Lea: Ich habe das nie so gesehen, aber er hatte recht.", false}, // an interview's answer, by Lea
		{"Lea: El Gobierno aprueba la reforma de las pensiones", true},    // a pointer to another story
		{"Ver también es posible desde el puerto, dijo el alcalde.", false},
		{"Die Kategorie der Fahrzeuge wurde im Januar geändert.", false},
		{"Weitere Informationen zum Haushalt will die Stadt im Mai vorlegen.", false},
		{"Ver más", true},
		{"The related findings were published on Monday.", false},
		{"Subscribers to the service rose by a fifth, the company said.", false},
		{"Click here to get more information or download this game.", false},
		{"Related: " + strings.Repeat("a long paragraph that merely starts with the word ", 6), false},
		// Post navigation and calls to write in (trafilatura's evaluation,
		// the half rules are developed on).
		{"Vorschau auf den nächsten Artikel", true},
		{"Next article", true},
		{"Be part of the conversation", true},
		{"We want to hear what you think about this article. Submit a letter to the editor or write to letters@theatlantic.com.", true},
		{"Submit your letter to the editor via this form. Read more Letters to the Editor.", true},
		{"SUGGESTED CITATION Sauer, Heiko: Expert*innen in der Krise, VerfBlog, 2020/4/09", true},
		{"Next, the article describes how the council voted.", false},
		{"He said they would join the conversation about tariffs next week.", false},
		{"We want to hear more evidence before we decide, the judge said.", false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got := clean(paras("Kept paragraph.", tt.line))
			if dropped := len(got) == 1; dropped != tt.drop {
				t.Errorf("dropped = %v, want %v", dropped, tt.drop)
			}
		})
	}
}

func TestMarkSpaces(t *testing.T) {
	doc := mustParse(t, "<p>growth usually <em>does</em> feel <a href='/x'>so</a>, <b>x</b>y <i>hotel room</i>\u00a0and more</p>")
	marked := markSpaces(doc)
	got := plainText(renderBlocks(marked, nil, nil))
	if want := "growth usually does feel so, xy hotel room and more\n"; got != want {
		t.Errorf("marked text renders as %q, want %q", got, want)
	}
	if orig := plainText(renderBlocks(doc, nil, nil)); strings.Contains(orig, spaceMark) || orig != "growth usually does feel so, xy hotel room and more\n" {
		t.Errorf("original tree changed: %q", orig)
	}
}

func TestSafelyRecovers(t *testing.T) {
	err := safely("lib", func() error { panic("boom") })
	if !errors.Is(err, errPanic) || !strings.Contains(err.Error(), "lib panicked: boom") || !strings.HasPrefix(err.Error(), "extract: ") {
		t.Errorf("safely = %v", err)
	}
	inner := errors.New("inner")
	if err := safely("lib", func() error { return inner }); !errors.Is(err, inner) {
		t.Errorf("safely lost the wrapped error: %v", err)
	}
}

func TestTooManyElements(t *testing.T) {
	page := "<html><body><nav>menu</nav><article>" + strings.Repeat("<p>A paragraph of the long article.</p>", maxElements) + "</article></body></html>"
	res, err := HTML(strings.NewReader(page), "https://n.example/a", Options{})
	if !errors.Is(err, ErrFallback) || !strings.Contains(err.Error(), "plain fallback") {
		t.Errorf("err = %v, want the fallback reported", err)
	}
	if n := strings.Count(res.Text, "A paragraph of the long article."); n != maxElements {
		t.Errorf("fallback kept %d paragraphs, want %d", n, maxElements)
	}
}

func TestFlatten(t *testing.T) {
	page := strings.Repeat("<div>", 2000) + "<p>bottom</p>" + strings.Repeat("</div>", 2000) + "<p>after</p>"
	if d := tokenDepth(page); d != 2000 {
		t.Errorf("tokenDepth = %d, want 2000", d)
	}
	flat := flatten(page, 50)
	if d := tokenDepth(flat); d > 51 {
		t.Errorf("flattened depth %d, want at most 51", d)
	}
	doc := mustParse(t, page)
	if got := plainText(renderBlocks(doc, nil, nil)); !strings.Contains(got, "bottom") || !strings.Contains(got, "after") {
		t.Errorf("text lost in flattening: %q", got)
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct{ in, want string }{
		{"en", "en"},
		{"en_us", "en-US"},
		{"EN-gb", "en-GB"},
		{"zh-Hant-TW", "zh-Hant-TW"},
		{"pt-BR, en", "pt-BR"},
		{"x", ""},
		{"en us", ""},
		{"<script>", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := language(tt.in); got != tt.want {
				t.Errorf("language(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTrimEdges(t *testing.T) {
	const lead = "Schon länger ist bekannt: Der Darm beeinflusst unsere Psyche. Forschende in den USA fanden in einer Studie nun heraus, dass zwei beliebte Lebensmittel gegen soziale Ängste helfen können."
	art := []string{
		"The council met on Tuesday to agree the budget for the coming year.",
		"Members voted for the plan after a long debate about road repairs.",
		"The mayor said the budget was fair to every part of the city.",
	}
	tests := []struct {
		name        string
		base, other []string
		want        []string
	}{
		{"teasers and newsletter box cut", append(append([]string{"Sign up for our newsletter and get the news first"}, art...), "Another story you might like to read today"), art, art},
		{"agreeing extractions unchanged", art, art, art},
		{"middle blocks kept", []string{art[0], "A caption in the middle of the article body", art[1], art[2]}, art, []string{art[0], "A caption in the middle of the article body", art[1], art[2]}},
		{"other found a different text", art, []string{"Completely different words about football and goals scored"}, art},
		{"other found a small part only", art, art[1:2], art},
		// The shapes of fitforfun.de's lead (a paragraph go-readability
		// left out) and of the deks and notices cut above articles on the
		// Zyte pages.
		{"a lead readability missed kept", append([]string{lead}, art...), art, append([]string{lead}, art...)},
		{"a dek cut", append([]string{"Twenty teams have punched tickets for next summer's tournament"}, art...), art, art},
		{"an unfinished long line cut", append([]string{"One member of the defense did not hold back on Monday when asked about the fight that broke out at the end of the game"}, art...), art, art},
		// Reduced from a speech on the Swiss federal administration's
		// site (trafilatura's evaluation): go-trafilatura ran on into the
		// contact box, whose short lines have words readability has
		// elsewhere ("3003 Bern" in its press office's address).
		{"short lines at the edge judged whole", append(art, "Herausgeber", "Letzte Änderung 14.02.2019", "Kontakt", "Kommunikationsdienst GS-WBF", "3003 Bern", "Schweiz"), append(append([]string(nil), art...), "Herausgeber", "Presse- und Informationsdienst UVEK, Bundeshaus Nord, 3003 Bern, Schweiz"), append(append([]string(nil), art...), "Herausgeber")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(trimEdges(paras(tt.base...), newCover(paras(tt.other...))))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("trimEdges = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTrimHead(t *testing.T) {
	c := candidates{}
	c.trafMeta.Title = "Council Agrees Budget"
	got := texts(trimHead(paras("Council agrees budget", "The council met on Tuesday."), c))
	if len(got) != 1 || got[0] != "The council met on Tuesday." {
		t.Errorf("trimHead = %q", got)
	}
	got = texts(trimHead(paras("The council met on Tuesday.", "Council agrees budget"), c))
	if len(got) != 2 {
		t.Errorf("trimHead dropped a block that is not at the head: %q", got)
	}
}

// The shapes of ORF's and L'Opinion's pages in trafilatura's evaluation:
// go-readability has the lead right above the article trafilatura
// starts later, or above the date line under it (ORF's "Online seit
// heute") or a photo's credit; and of CNBC's on the Zyte pages, where a
// photo's caption and credit stand there instead.
func TestReadabilityLead(t *testing.T) {
	const lead = "Die Opernball-Grande-Dame und Burgschauspielerin Lotte Tobisch ist Samstagfrüh im Alter von 93 Jahren gestorben. Die Wienerin prägte 16 Jahre lang den Opernball."
	art := []string{
		"Tobisch starb Samstagfrüh nach langer Krankheit im Badener Künstlerheim, teilte die Organisation mit.",
		"Ihre Ausbildung erhielt sie im Internat Schloss Marquartstein in Oberbayern und in Wien.",
	}
	const caption = "Sheikh Mohammed bin Rashid Al Maktoum, United Arab Emirates vice president and prime minister, passes a Boeing Co. 787-10 passenger aircraft."
	// The page sets the caption in its <figure>.
	captions := captionTexts(mustParse(t, "<html><body><figure><img src=a.jpg><figcaption>"+caption+"</figcaption></figure></body></html>"))
	tests := []struct {
		name  string
		other []string
		want  []string
	}{
		{"lead right above the article", append([]string{"Chronik", lead}, art...), append([]string{lead}, art...)},
		{"the date line between", append([]string{"Chronik", lead, "Online seit heute, 12.09 Uhr"}, art...), append([]string{lead}, art...)},
		{"a byline and date between", append([]string{lead, "von Anja Schmoll-Trautmann am 14. Mai 2014, 15:40 Uhr"}, art...), append([]string{lead}, art...)},
		{"a caption and its credit", append([]string{caption, "Natalie Naccache | Bloomberg | Getty Images"}, art...), art},
		// El Espectador's standfirst stands above its photo's credit.
		{"a lead above a credit", append([]string{lead, "Foto: JEP"}, art...), append([]string{lead}, art...)},
		{"two lines between", append([]string{lead, "Chronik", "Online seit heute, 12.09 Uhr"}, art...), art},
		// agrarheute's kicker above the lead has words the article has
		// ("Heizen mit Holz"), but not as a line of its own.
		{"a kicker of the article's words above", append([]string{"Tobisch Künstlerheim", lead}, art...), append([]string{lead}, art...)},
		{"a dek above", append([]string{"Lotte Tobisch ist tot"}, art...), art},
		{"other shares nothing", []string{lead}, art},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(readabilityLead(paras(art...), paras(tt.other...), captions))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("readabilityLead = %q, want %q", got, tt.want)
			}
		})
	}
}

// Reduced from eHow's cloche terrarium page (Mozilla Readability's test
// pages): go-trafilatura skipped the list of what is needed.
func TestReadabilityLists(t *testing.T) {
	intro := "Glass cloche terrariums are not only appealing to the eye, but they also preserve a bit of nature."
	step := "Measure the circumference of your cloche and cut the foam oasis about 3/4 inch smaller."
	item := func(s string) block { return block{kind: kBullet, md: s, text: s} }
	other := append(paras(intro, "What You'll Need:"), item("Cloche"), item("Floral foam oasis"), item("Moss"))
	other = append(other, paras(step)...)
	got := texts(readabilityLists(paras(intro, step), other))
	want := []string{intro, "What You'll Need:", "Cloche", "Floral foam oasis", "Moss", step}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("readabilityLists = %q, want %q", got, want)
	}
	// A list no colon line introduces (a run of teaser links) is left out.
	other = append(paras(intro), item("Another story"), item("And another"), paras(step)[0])
	got = texts(readabilityLists(paras(intro, step), other))
	if strings.Join(got, "\n") != intro+"\n"+step {
		t.Errorf("readabilityLists without a colon line = %q", got)
	}
}

// Reduced from Yahoo's page among Mozilla Readability's test pages:
// go-trafilatura skipped the paragraph after a photo's name line.
func TestReadabilityGaps(t *testing.T) {
	before := "On one Facebook page an unidentified poster put up her picture and wrote they found it was disrespectful and against the U.S. Flag Code."
	name := "Vanessa Hicks"
	gap := "The Federal Flag Code has guidelines for the proper treatment of the U.S. Flag but there are no rules for punishment related to violations."
	after := "Hicks said she was surprised when messages suddenly started to pop up on her Facebook page and even her own website criticizing her photos."
	caption := "© John Brecher Needle poking skin during administration of a flu shot at a community health center in Washington, on a Monday."
	tests := []struct {
		name       string
		art, other []string
		want       []string
	}{
		{"a skipped paragraph put back", []string{before, name, after}, []string{before, "View photo", name, gap, after}, []string{before, name, gap, after}},
		{"a caption left out", []string{before, after}, []string{before, caption, after}, []string{before, after}},
		{"not between consecutive blocks", []string{before, name, after}, []string{before, gap, after}, []string{before, name, after}},
		{"a short line left out", []string{before, after}, []string{before, "View photo", after}, []string{before, after}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(readabilityGaps(paras(tt.art...), paras(tt.other...)))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("readabilityGaps = %q, want %q", got, tt.want)
			}
		})
	}
}

// Reduced from La Tercera's morning briefing (trafilatura's evaluation):
// go-trafilatura ran on into the headlines of other stories.
func TestDropTeaserHeadings(t *testing.T) {
	body := []string{
		"En cuanto a la protección de víctimas, se buscará impulsar una ley que crea el Servicio Nacional de Acceso a la Justicia.",
		"El gobierno presentará un nuevo proyecto de ley para fortalecer las policías, dijo la ministra ayer.",
	}
	head := func(s string) block { return block{kind: kSubheading, md: s, text: s} }
	teasers := []block{head("Más sobre La Tercera AM"), head("El Café Diario: La Convención Constitucional vista desde el extranjero"), head("Pleno de la Convención aprueba un BC autónomo")}
	art := append(append(paras(body[0]), teasers...), paras(body[1])...)
	if got, want := texts(dropTeaserHeadings(art, newCover(paras(body...)))), body; strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("dropTeaserHeadings = %q, want %q", got, want)
	}
	// Sections of the article stay: two headings in a row, or headings
	// readability has too.
	art = append(append(paras(body[0]), teasers[:2]...), paras(body[1])...)
	if got := dropTeaserHeadings(art, newCover(paras(body...))); len(got) != len(art) {
		t.Errorf("two headings dropped: %q", texts(got))
	}
	art = append(append(paras(body[0]), teasers...), paras(body[1])...)
	if got := dropTeaserHeadings(art, newCover(art)); len(got) != len(art) {
		t.Errorf("headings readability has dropped: %q", texts(got))
	}
}

// Reduced from wmn.de's page in trafilatura's evaluation: neither library
// kept the standfirst the page sets in its header's div.lead.
func TestPageLead(t *testing.T) {
	const (
		lead = "Leidest du an ständiger Müdigkeit ohne sichtbare Ursachen? Das kann nicht nur an der Jahreszeit liegen, sondern auch ein Symptom sein. Diese Krankheiten können dahinterstecken."
		p1   = "Könntest du nach dem Aufwachen direkt weiterschlafen? Musst du tagsüber ständig gähnen? Oft schieben wir unsere Müdigkeit auf die dunkle Jahreszeit."
		p2   = "Doch manchmal kann auch eine Krankheit dahinterstecken. Was ständige Müdigkeit für Ursachen haben kann, erfährst du in diesem Artikel."
	)
	page := func(header string) string {
		return `<html><body><main><header class="entry-header"><h1>Ständige Müdigkeit</h1>` + header +
			`<span class="date">12. Januar 2023</span></header><div class="entry-content"><p>` + p1 + `</p><p>` + p2 + `</p></div></main></body></html>`
	}
	tests := []struct {
		name, header string
		want         []string
	}{
		{"the page's lead put back", `<div class="lead"><p>` + lead + `</p></div>`, []string{lead, p1, p2}},
		{"prose not marked as a lead left out", `<div class="box"><p>` + lead + `</p></div>`, []string{p1, p2}},
		{"a short lead line left out", `<div class="lead"><p>Diese Krankheiten können dahinterstecken</p></div>`, []string{p1, p2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustParse(t, page(tt.header))
			got := texts(pageLead(paras(p1, p2), renderBlocks(bodyOf(doc), nil, nil), leadTexts(doc)))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("pageLead = %q, want %q", got, tt.want)
			}
		})
	}
}
