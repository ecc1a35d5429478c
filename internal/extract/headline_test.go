package extract

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Reduced copies of the heads of real pages (testdata/meta has the pages).
func TestHeadlineAndOutlet(t *testing.T) {
	tests := []struct {
		name, head, body, url string
		title, outlet         string
	}{
		{"section pieces and site cut (express.co.uk)",
			`<title>Hong Kong chaos: China deploys troops and warns SURRENDER is only option | World | News | Express.co.uk</title><meta property="og:site_name" content="Express.co.uk">`,
			``, "https://www.express.co.uk/news/world/1206313/x",
			"Hong Kong chaos: China deploys troops and warns SURRENDER is only option", "Express.co.uk"},
		{"visible h1 names the headline, the rest of the title the outlet (nytimes)",
			`<title>Trump’s Made-for-TV Trade War Keeps World Guessing - The New York Times</title><meta name="twitter:site" content="@nytimes">`,
			`<h1>Trump’s Made-for-TV Trade War Keeps World Guessing</h1>`, "https://www.nytimes.com/2019/11/18/business/x.html",
			"Trump’s Made-for-TV Trade War Keeps World Guessing", "The New York Times"},
		{"visible h1 over an SEO title (cnbc)",
			`<title>Emirates inks order for 30 Boeing 787 jets, talks expansion plans</title><meta property="og:site_name" content="CNBC">`,
			`<h1>Emirates inks $9 billion order for 30 Boeing 787 jets, will restart plans to expand airline by early 2020s</h1>`, "https://www.cnbc.com/x",
			"Emirates inks $9 billion order for 30 Boeing 787 jets, will restart plans to expand airline by early 2020s", "CNBC"},
		{"navigation h1s ignored, og:title cut (ign)",
			`<meta property="og:site_name" content="IGN"><meta property="og:title" content="Daily Deals: More Black Friday Deals Are Live - IGN">`,
			`<h1>Games</h1><h1>Entertainment</h1>`, "https://www.ign.com/articles/x",
			"Daily Deals: More Black Friday Deals Are Live", "IGN"},
		{"h1 that is the site's name is not the headline (kabarislamia)",
			`<title>Sejarah Pecahnya Islam jadi Sunni dan Syi’ah | Kabar tentang Dunia Islam</title><meta property="og:site_name" content="Kabar tentang Dunia Islam">`,
			`<h1>Kabar tentang Dunia Islam</h1>`, "https://kabarislamia.com/2015/10/27/x/",
			"Sejarah Pecahnya Islam jadi Sunni dan Syi’ah", "Kabar tentang Dunia Islam"},
		{"application-name holding the headline is not a site name (msn)",
			`<title>Doctors offer to give free flu shots to detained migrants, warn of epidemic</title><meta name="application-name" content="Doctors offer to give free flu shots to detained migrants, warn of epidemic"><meta property="og:site_name" content="MSN">`,
			`<h1>Doctors offer to give free flu shots to detained migrants, warn of epidemic</h1>`, "https://www.msn.com/en-us/news/x",
			"Doctors offer to give free flu shots to detained migrants, warn of epidemic", "MSN"},
		{"Chinese title pieces joined by underscores (youth.cn)",
			`<title>海外留学生看两会：出国前后关注点大不同_教育频道_中国青年网</title>`, ``, "",
			"海外留学生看两会：出国前后关注点大不同", "中国青年网"},
		{"tagline list in og:site_name (autoracing)",
			`<title>Classificação NASCAR | Autoracing | F1 | Indy | MotoGP | StockCar</title><meta property="og:site_name" content="Autoracing | F1 | Indy | MotoGP | StockCar | NASCAR">`,
			`<h1>Classificação NASCAR</h1>`, "http://www.autoracing.com.br/classificacao-nascar/",
			"Classificação NASCAR", "Autoracing"},
		{"a section in og:site_name loses to the title's site (reuters)",
			`<title>Volkswagen's Skoda Auto 2019 deliveries dip to 1.24 million cars due to weaker sales in China - Reuters</title><meta property="og:site_name" content="U.S.">`,
			`<h1>Volkswagen's Skoda Auto 2019 deliveries dip to 1.24 million cars due to weaker sales in China</h1>`, "http://feeds.reuters.com/x",
			"Volkswagen's Skoda Auto 2019 deliveries dip to 1.24 million cars due to weaker sales in China", "Reuters"},
		{"a URL is not a name (tmz)",
			`<title>Lupita Nyong'o's $150K Pearl Oscar Dress -- STOLEN!!! | TMZ.com</title><meta property="og:site_name" content="http://www.tmz.com"><meta name="application-name" content="TMZ.COM">`,
			`<h1>Lupita Nyong'o's $150K Pearl Oscar Dress -- STOLEN!!!</h1>`, "http://www.tmz.com/2015/02/26/x/",
			"Lupita Nyong'o's $150K Pearl Oscar Dress -- STOLEN!!!", "TMZ"},
		{"a host-form name gives way to the words the title spells it in (baltimoresun)",
			`<title>Howard County to host public hearing next month on historical permits - Baltimore Sun</title><meta property="og:site_name" content="baltimoresun.com"><meta name="copyright" content="Copyright (c) 2020, Baltimore Sun">`,
			`<h1>Howard County to host public hearing next month on historical permits</h1>`, "https://www.baltimoresun.com/maryland/howard/x.html",
			"Howard County to host public hearing next month on historical permits", "Baltimore Sun"},
		{"… or the publisher spells it in (lexpress)",
			`<title>Angleterre: Manchester United rate la marche, Arsenal revit</title><meta property="og:site_name" content="LExpress.fr"><script type="application/ld+json">{"@type":"NewsArticle","headline":"Angleterre: Manchester United rate la marche, Arsenal revit","publisher":{"@type":"Organization","name":"L'Express"}}</script>`,
			`<h1>Angleterre: Manchester United rate la marche, Arsenal revit</h1>`, "https://www.lexpress.fr/actualites/1/sport/x.html",
			"Angleterre: Manchester United rate la marche, Arsenal revit", "L'Express"},
		{"a host-form name that nothing spells otherwise stays (seattlepi)",
			`<title>Tiz the Law draws No. 17 post as 3-5 Kentucky Derby favorite - seattlepi.com</title><meta property="og:site_name" content="seattlepi.com">`,
			`<h1>Tiz the Law draws No. 17 post as 3-5 Kentucky Derby favorite</h1><p>© 2020 Hearst Seattle Media, LLC</p>`, "https://www.seattlepi.com/sports/article/x.php",
			"Tiz the Law draws No. 17 post as 3-5 Kentucky Derby favorite", "seattlepi.com"},
		{"no name and no address: the copyright line's holder (webmd)",
			`<title>Babies Who Eat Peanuts Early May Avoid Allergy</title>`,
			`<h1>Babies Who Eat Peanuts Early May Avoid Allergy</h1><div id="footer"><p>©2005-2015 WebMD, LLC. All rights reserved.</p><p>WebMD does not provide medical advice.</p></div>`, "",
			"Babies Who Eat Peanuts Early May Avoid Allergy", "WebMD"},
		{"of a site name's pieces, the host's (yjc)",
			`<title>از کشف ۷۲ دستگاه موتور قاچاق در مهریز تا دستگیری سارق</title><meta property="og:site_name" content="خبرگزاری باشگاه خبرنگاران | آخرین اخبار ایران و جهان | YJC">`,
			`<h1>از کشف ۷۲ دستگاه موتور قاچاق در مهریز تا دستگیری سارق</h1>`, "https://www.yjc.ir/fa/news/7349926",
			"از کشف ۷۲ دستگاه موتور قاچاق در مهریز تا دستگیری سارق", "YJC"},
		{"a Persian name typed with the Arabic yeh (aryanews)",
			`<title>خبرگزاری آريا - ورود 50 هزار میلیارد تومان نقدینگی به بورس در 3 ماه</title><meta property="og:title" content="خبرگزاری آریا - ورود 50 هزار میلیارد تومان نقدینگی به بورس در 3 ماه">`,
			`<h1> ورود 50 هزار میلیارد تومان نقدینگی به بورس در 3 ماه</h1>`, "",
			"ورود 50 هزار میلیارد تومان نقدینگی به بورس در 3 ماه", "خبرگزاری آریا"},
		{"a site piece that names the site over a speaker guessed from a short last piece (dailymail)",
			`<title>Man Utd ace Dean Henderson would be 'morally' right to finish season at Sheff Utd - Wilder | Daily Mail Online</title><meta property="og:site_name" content="Mail Online"><meta property="og:title" content="Henderson would be right to finish season at Sheff Utd - Wilder">`,
			`<h1>Man Utd ace Dean Henderson would be 'morally' right to finish season at Sheff Utd - Wilder</h1>`, "https://www.dailymail.co.uk/sport/football/article-8297417/x.html",
			"Man Utd ace Dean Henderson would be 'morally' right to finish season at Sheff Utd - Wilder", "Mail Online"},
		{"a copyright line of a year alone names no one",
			`<title>Babies Who Eat Peanuts Early May Avoid Allergy</title>`,
			`<h1>Babies Who Eat Peanuts Early May Avoid Allergy</h1><p>Copyright 2014</p>`, "",
			"Babies Who Eat Peanuts Early May Avoid Allergy", ""},
		{"a holder whose letters lower to more bytes is cut where its notice ends",
			`<title>Babies Who Eat Peanuts Early May Avoid Allergy</title>`,
			`<h1>Babies Who Eat Peanuts Early May Avoid Allergy</h1><p>© 2020 ` + strings.Repeat("Ⱥ", 30) + ` Press. All rights reserved.</p>`, "",
			"Babies Who Eat Peanuts Early May Avoid Allergy", strings.Repeat("Ⱥ", 30) + " Press"},
		{"… and a tagline after such a name",
			`<title>Babies Who Eat Peanuts Early May Avoid Allergy</title><meta property="og:site_name" content="` + strings.Repeat("Ⱥ", 30) + ` powered by Wikia">`,
			`<h1>Babies Who Eat Peanuts Early May Avoid Allergy</h1>`, "",
			"Babies Who Eat Peanuts Early May Avoid Allergy", strings.Repeat("Ⱥ", 30)},
		{"the word copyright without a sign or a year is no notice",
			`<title>Babies Who Eat Peanuts Early May Avoid Allergy</title>`,
			`<h1>Babies Who Eat Peanuts Early May Avoid Allergy</h1><p>Copyright law is complex.</p><div id="footer"><a href="/legal">Copyright Policy</a></div>`, "",
			"Babies Who Eat Peanuts Early May Avoid Allergy", ""},
		{"… the word with a year is one",
			`<title>Babies Who Eat Peanuts Early May Avoid Allergy</title>`,
			`<h1>Babies Who Eat Peanuts Early May Avoid Allergy</h1><div id="footer"><p>Copyright 2020 Hearst Newspapers. All rights reserved.</p><a href="/legal">Copyright Policy</a></div>`, "",
			"Babies Who Eat Peanuts Early May Avoid Allergy", "Hearst Newspapers"},
		{"… and so is one with a sign before it",
			`<title>Babies Who Eat Peanuts Early May Avoid Allergy</title>`,
			`<h1>Babies Who Eat Peanuts Early May Avoid Allergy</h1><div id="footer"><p>© Copyright 2020 Hearst Newspapers</p></div>`, "",
			"Babies Who Eat Peanuts Early May Avoid Allergy", "Hearst Newspapers"},
		{"a host-form name on a subdomain gives way to the words of the site's label (edition.cnn.com)",
			`<title>Iran fires missiles at US bases in Iraq - CNN</title><meta property="og:site_name" content="edition.cnn.com">`,
			`<h1>Iran fires missiles at US bases in Iraq</h1>`, "https://edition.cnn.com/2020/01/07/x/index.html",
			"Iran fires missiles at US bases in Iraq", "CNN"},
		{"a photo's credit without a year names no site",
			`<title>Babies Who Eat Peanuts Early May Avoid Allergy</title>`,
			`<h1>Babies Who Eat Peanuts Early May Avoid Allergy</h1><figure><img src="/a.jpg"><figcaption>A child at a clinic. © AFP</figcaption></figure>`, "",
			"Babies Who Eat Peanuts Early May Avoid Allergy", ""},
		{"… nor do nine credits before the footer's notice",
			`<title>Babies Who Eat Peanuts Early May Avoid Allergy</title>`,
			`<h1>Babies Who Eat Peanuts Early May Avoid Allergy</h1>` + strings.Repeat(`<figure><img src="/a.jpg"><figcaption>A child at a clinic. © AFP</figcaption></figure>`, 9) + `<div id="footer"><p>©2005-2015 WebMD, LLC. All rights reserved.</p></div>`, "",
			"Babies Who Eat Peanuts Early May Avoid Allergy", "WebMD"},
		{"a tagline after the name goes (wikia)",
			`<title>'Star Wars' Original Cuts Might Get Released | Fandom powered by Wikia</title><meta property="og:site_name" content="Fandom powered by Wikia">`,
			`<h1>‘Star Wars’ Original Cuts Might Get Released</h1>`, "http://fandom.wikia.com/articles/x",
			"‘Star Wars’ Original Cuts Might Get Released", "Fandom"},
		{"a breadcrumb after the site's name is not the outlet (chosun)",
			`<title>[부산 Live] 노경은, 4⅓이닝 8실점 부진… 난타에 야수 실책 겹쳤다 - 조선닷컴 - 스포츠 &gt; 스포츠 포토</title>`,
			`<h1>[부산 Live] 노경은, 4⅓이닝 8실점 부진… 난타에 야수 실책 겹쳤다</h1>`, "https://news.chosun.com/site/data/html_dir/2020/08/27/x.html",
			"[부산 Live] 노경은, 4⅓이닝 8실점 부진… 난타에 야수 실책 겹쳤다", "조선닷컴"},
		{"inline markup in the headline joins as written (kotaku)",
			`<title>The Spectacular Story Of Metroid, One Of Gaming's Richest Universes</title><meta property="og:site_name" content="Kotaku">`,
			`<h1 class="sc-1efpnfq-0">
                            <a href="https://kotaku.com/x">The Spectacular Story Of <em>Metroid</em>, One Of Gaming's Richest Universes</a>
                        </h1>`, "https://kotaku.com/x",
			"The Spectacular Story Of Metroid, One Of Gaming's Richest Universes", "Kotaku"},
		{"a label in its own element, joined without a space (noz.de)",
			`<title>Singen, basteln, spielen: Kindergottesdienst in Velpe macht Teilnehmern und Betreuerinnen Spaß</title><meta property="og:title" content="Kindergottesdienst&#x20;in&#x20;Velpe&#x20;macht&#x20;Teilnehmern&#x20;und&#x20;Betreuerinnen&#x20;Spa&#x00DF;">`,
			`<h1 itemprop="headline"><i class="subline">Singen, basteln, spielen</i><i class="hidden">: </i><span>
Kindergottesdienst in Velpe macht Teilnehmern und Betreuerinnen Spaß</span></h1>`, "https://www.noz.de/x",
			"Singen, basteln, spielen: Kindergottesdienst in Velpe macht Teilnehmern und Betreuerinnen Spaß", "noz.de"},
		{"words in separate elements stay apart",
			`<title>Council agrees budget for next year</title>`,
			`<h1><span>Council</span><span>agrees budget for next year</span></h1>`, "https://n.example/x",
			"Council agrees budget for next year", "n.example"},
		{"a kicker in the h1 is not the headline (vosgesmatin)",
			`<title>Edition La Plaine | Incendie dans une maison : cinq personnes relogées</title><meta property="og:title" content="Frain. Incendie dans une maison : cinq personnes relogées"><meta property="twitter:title" content="Incendie dans une maison : cinq personnes relogées">`,
			`<h1>
              <span class="headline">Frain</span>              Incendie dans une maison : cinq personnes relogées
          </h1>`, "https://www.vosgesmatin.fr/x",
			"Incendie dans une maison : cinq personnes relogées", "vosgesmatin.fr"},
		{"a page without <h1>: its headline in an h2 the title holds (factorio)",
			`<title>Friday Facts #282 - 0.17 in sight | Factorio</title><meta property="og:site_name" content="Factorio.com">`,
			`<ul class="nav"><li><h2>Menu</h2></li></ul><div class="blog-post"><h2 style="margin-top: 20px">
                    Friday Facts #282 - 0.17 in sight
                </h2>`, "https://www.factorio.com/blog/post/fff-282",
			"Friday Facts #282 - 0.17 in sight", "Factorio"}, // og:site_name "Factorio.com" gives way to the title's words
		{"a company form is not the outlet's name (spiceworks)",
			`<title>Rewriting Rules of Engagement with Video in 2020 - Spiceworks</title><meta property="og:site_name" content="Spiceworks Inc">`,
			`<h1>Rewriting Rules of Engagement with Video in 2020</h1>`, "https://www.spiceworks.com/x/",
			"Rewriting Rules of Engagement with Video in 2020", "Spiceworks"},
		{"a host as the title's site piece loses its www. (wday.ru)",
			`<title>Самые популярные кулинарные блоги по версии Wday.ru: список — www.wday.ru</title><meta name="twitter:site" content="@Wday_">`,
			`<h1>Мастера вкуса: 23 самых крутых фудблогера по версии Wday.ru</h1>`, "",
			"Мастера вкуса: 23 самых крутых фудблогера по версии Wday.ru", "wday.ru"},
		{"a domain ending on a name with spaces goes (ilmattino)",
			`<title>Coronavirus e isolamento, gli urologi - Il Mattino.it</title>`,
			`<h1>Coronavirus e isolamento, gli urologi</h1>`, "https://www.ilmattino.it/x.html",
			"Coronavirus e isolamento, gli urologi", "Il Mattino"},
		{"the Twitter handle that is the host's label names a site known by its host (gitlab)",
			`<title>3 surprising findings from our 2024 Global DevSecOps Survey</title><meta name="twitter:site" content="@GitLab">`,
			`<h1>3 surprising findings from our 2024 Global DevSecOps Survey</h1>`, "https://about.gitlab.com/blog/x/",
			"3 surprising findings from our 2024 Global DevSecOps Survey", "GitLab"},
		{"nor one that only folds to the host's label",
			`<title>3 surprising findings from our 2024 Global DevSecOps Survey</title><meta name="twitter:site" content="@Git&#x202E;Lab">`,
			`<h1>3 surprising findings from our 2024 Global DevSecOps Survey</h1>`, "https://about.gitlab.com/blog/x/",
			"3 surprising findings from our 2024 Global DevSecOps Survey", "about.gitlab.com"},
		{"a no-break space after inline markup is a space, before a colon too",
			`<title>Municipales : le maire de Frain démissionne - Le Parisien</title>`,
			`<h1><em>Municipales</em>&nbsp;: le maire de Frain démissionne</h1>`, "https://www.leparisien.fr/x/",
			"Municipales : le maire de Frain démissionne", "Le Parisien"},
		{"another handle does not (oann)",
			`<title>Protesters gather at Paris theater</title><meta name="twitter:site" content="@OANN_news">`, `<h1>Protesters gather at Paris theater</h1>`, "https://www.oann.com/x/",
			"Protesters gather at Paris theater", "oann.com"},
		{"a blog's name in an h1 above the post's; the subdomain names the site (scilogs)",
			`<title>Die Ablehnung der Gendersprache » SciLogs - Wissenschaftsblogs</title><meta property="og:site_name" content="Die Engelbart-Galaxis">`,
			`<h1 class="blog-title"><span>BLOG: </span> Die Engelbart-Galaxis</h1><h1 class="entry-title">Die Ablehnung von “Gendersprache” – medial produziert</h1>`, "https://scilogs.spektrum.de/engelbart-galaxis/die-ablehnung-der-gendersprache/",
			"Die Ablehnung von “Gendersprache” – medial produziert", "SciLogs"},
		{"a title joined by › (piratenpartei-mv)",
			`<title>Grundeinkommen ist ein Menschenrecht! › Piratenpartei Mecklenburg-Vorpommern</title>`,
			`<h1>Grundeinkommen ist ein Menschenrecht!</h1>`, "https://piratenpartei-mv.de/blog/2013/09/12/grundeinkommen-ist-ein-menschenrecht/",
			"Grundeinkommen ist ein Menschenrecht!", "Piratenpartei Mecklenburg-Vorpommern"},
		{"an h1 a social title gives whole wins over a breadcrumb's h1 the <title> also holds (divyabhaskar)",
			`<title>Chhetu Patel, a resident of the United States, died due to corona, wife under treatment|અમેરિકામાં રહેતાં ભાયલીના છીતુ પટેલનું કોરોનાથી મોત, પત્ની સારવાર હેઠળ</title><meta property="og:title" content="અમેરિકામાં રહેતાં ભાયલીના છીતુ પટેલનું કોરોનાથી મોત, પત્ની સારવાર હેઠળ"><meta property="og:site_name" content="divyabhaskar">`,
			`<ul class="breadcrumb"><li><a href="/local/gujarat/vadodara/">Vadodara</a></li><li><h1>Chhetu Patel, a resident of the United States, died due to corona, wife under treatment</h1></li></ul><section><h1>
<span>વડોદરા / </span>અમેરિકામાં રહેતાં ભાયલીના છીતુ પટેલનું કોરોનાથી મોત, પત્ની સારવાર હેઠળ
</h1></section>`, "https://www.divyabhaskar.co.in/local/gujarat/vadodara/news/x.html",
			"અમેરિકામાં રહેતાં ભાયલીના છીતુ પટેલનું કોરોનાથી મોત, પત્ની સારવાર હેઠળ", "divyabhaskar"},
		{"a blog's name in the h1, the post's title in the <title> before it; og:site_name holding the title is no name (goo blog)",
			`<title>鉄山～弥山～八経ヶ岳　　オオヤマレンゲ咲いてます　（7/2） - 適当でええねん！！</title><meta property="og:site_name" content="鉄山～弥山～八経ヶ岳　　オオヤマレンゲ咲いてます　（7/2） - 適当でええねん！！"><meta property="og:title" content="鉄山～弥山～八経ヶ岳　　オオヤマレンゲ咲いてます　（7/2） - 適当でええねん！！">`,
			`<h1><a href="/jgccg115/">適当でええねん！！</a></h1><div class="entry-top">鉄山～弥山～八経ヶ岳　　オオヤマレンゲ咲いてます　（7/2）</div>`, "https://blog.goo.ne.jp/jgccg115/e/5d8c31a659b95cc18a43ad75d152e80f",
			"鉄山～弥山～八経ヶ岳 オオヤマレンゲ咲いてます （7/2）", "適当でええねん！！"},
		{"host as the last resort",
			`<title>Protesters gather at Paris theater</title>`, `<h1>Protesters gather at Paris theater</h1>`, "https://www.oann.com/x/",
			"Protesters gather at Paris theater", "oann.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html><head>" + tt.head + "</head><body>" + tt.body + "<p>" + strings.Repeat("The council met on Tuesday and agreed the budget for next year. ", 8) + "</p></body></html>"
			r := extractString(t, page, tt.url)
			if r.Title != tt.title {
				t.Errorf("title %q, want %q", r.Title, tt.title)
			}
			if r.SiteName != tt.outlet {
				t.Errorf("outlet %q, want %q", r.SiteName, tt.outlet)
			}
		})
	}
}

// Names as real pages give them (testdata/meta has the pages).
func TestSiteName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"www.wday.ru", "wday.ru"},
		{"Spiceworks Inc", "Spiceworks"},
		{"WebMD, LLC", "WebMD"},
		{"Verlagsgesellschaft Madsack GmbH", "Verlagsgesellschaft Madsack"},
		{"DER SPIEGEL 52/2018", "DER SPIEGEL"},
		{"Il Mattino.it", "Il Mattino"},
		{"Express.co.uk", "Express.co.uk"},
		{"Aktuálně.cz", "Aktuálně.cz"},
		{"The Atlantic", "The Atlantic"},
		{"AS", "AS"},
		{"Diario AS", "Diario AS"}, // the sports paper: a two-letter form needs a comma or two words before it
		{"Amedia, AS", "Amedia"},
		{"Verlagsgruppe Rhein Main AG", "Verlagsgruppe Rhein Main"},
		{"Foo 2.10", "Foo 2.10"}, // a version number is no domain ending
	} {
		if got := siteName(c.in); got != c.want {
			t.Errorf("siteName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Reduced copies of real pages' date markup (testdata/meta has the pages).
func TestPageDate(t *testing.T) {
	tests := []struct{ name, head, body, want string }{
		{"UTC metadata, the page's evening date line wins (venturebeat)",
			`<meta property="article:published_time" content="2019-11-19T07:03:25+00:00">`,
			`<h1>New York State Attorney General investigating WeWork and former CEO</h1><time datetime="2019-11-19T07:03:25+00:00">November 18, 2019 11:03 PM</time>`,
			"2019-11-18"},
		{"a zone the page gives is kept (national review)",
			`<meta property="article:published_time" content="2019-11-19T06:30:42-05:00">`,
			`<h1>The Impeachment Clock</h1><span class="date">Nov. 20, 2019</span>`,
			"2019-11-19"},
		{"the masthead's date before the headline is not the article's",
			`<meta property="article:published_time" content="2019-11-19T11:30:42+00:00">`,
			`<div class="masthead-date">Nov. 20, 2019</div><h1>The Impeachment Clock</h1><p class="byline">By Andrew C. McCarthy</p>`,
			"2019-11-19"},
		{"non-ISO metadata with +0000 (cnbc)",
			`<meta property="article:published_time" content="2019-11-20T09:29:08+0000">`, `<h1>Emirates inks order</h1>`,
			"2019-11-20"},
		{"a visible date line only (politifact)", ``,
			`<h1>What is the value of drugs that come to the U.S. border?</h1><p class="article-info">Published: Monday, November 18th, 2019 at 11:08 a.m.</p>`,
			"2019-11-18"},
		{"a Korean date line only (chosun)", ``,
			`<h1>노경은, 4⅓이닝 8실점 부진</h1><div class="news_date">입력 2020.08.27 20:27</div>`,
			"2020-08-27"},
		{"placeholder JSON-LD date ignored, date line read",
			`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"0001-01-01T00:00:00Z"}</script>`,
			`<h1>Council agrees budget</h1><p class="date">15.10.2020 21:55</p>`,
			"2020-10-15"},
		{"a UTC stamp is read in the zone the page writes the same instant in (bnn.de)",
			`<meta property="article:published_time" content="2023-10-31T04:41:58.000Z">`,
			`<h1>Brand in Durlacher Autohaus</h1><time class="article-meta__datetime" datetime="2023-10-31T05:41:58+01:00">vor 9 Stunden</time><aside><time datetime="2023-10-30T18:00:00+01:00">30. Okt. 2023</time></aside>`,
			"2023-10-31"},
		{"another instant's zone (a comment's) says nothing of the page's (bigbrandsystem)",
			`<meta property="article:published_time" content="2018-08-08T05:00:04+00:00">`,
			`<h1>Business focus</h1><div class="comment"><time datetime="2018-08-08T15:17:21-06:00">August 8, 2018 at 3:17 pm</time></div>`,
			"2018-08-08"},
		{"a day without a time is not moved by the page's zone (drunkorexia)",
			`<meta property="article:published" content="2020-05-15"><meta property="og:updated_time" content="2020-05-15T19:02:02.243-04:00">`,
			`<h1>Drunkorexia on the rise</h1>`,
			"2020-05-15"},
		{"a date line right above the headline, without metadata (evang.at)", ``,
			`<div class="page-content"><div class="meta-date"><i class="icon-calendar"></i> 19.11.2021</div><h1 class="entry-title">Lockdown: Gottesdienste bleiben möglich</h1></div>`,
			"2021-11-19"},
		{"without metadata, the date line above the headline before a day named in the lead (elsoldemazatlan)", ``,
			`<div class="clearfix"><div class="pull-left breadcrumb"><a href="/finanzas/">Finanzas</a></div><p class="published-date">&nbsp; / martes 17 de marzo de 2020</p></div><h1 class="title">Precio del petróleo mexicano cae a un mínimo de 18 años</h1><h3 class="subtitle">El barril de petróleo mexicano de exportación se desplomó 22 por ciento este martes respecto al viernes</h3><p>Galo Ramírez | El Sol de México</p><p>El barril de petróleo mexicano de exportación se desplomó 22 por ciento, al cerrar hoy en 18.78 dólares por barril, su cotización más baja desde el 6 de marzo de 2002.</p>`,
			"2020-03-17"},
		{"the text of an element marked datePublished, above the headline (pointofsail-kiel.de)", ``,
			`<div class="info"><span itemprop="datePublished">20.06.2019 11:43</span></div><p>Von Anna Berg</p><p>Foto: Hafen Kiel</p><h1>Wilson gewinnt</h1>`,
			"2019-06-20"},
		{"a meta date with minutes and a zone without a colon", `<meta name="date" content="2019-10-19T14:34+0200">`,
			`<h1>Neues aus der Stadt</h1>`,
			"2019-10-19"},
		{"JSON-LD wrapped in CDATA, updated date in the metadata (spiceworks)",
			`<meta property="article:modified_time" content="2025-01-07T09:08:22+00:00"><script type="application/ld+json">
        <![CDATA[
        [{"@context": "https://schema.org/", "@type": "NewsArticle", "datePublished": "2020-07-10T14:15:42+00:00", "dateModified": "2025-01-07T09:08:22+00:00"}]
        ]]></script>`,
			`<h1>Rewriting Rules of Engagement with Video in 2020</h1><p class="meta">Last Updated: January 7, 2025</p>`,
			"2020-07-10"},
		{"JSON-LD that does not parse still gives its datePublished", `<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2019-03-02T10:00:00+01:00", "description": "a "quoted" word",}</script>`,
			`<h1>Neues aus der Stadt</h1>`,
			"2019-03-02"},
		{"a date line under a headline set after indented navigation (quanta)", ``,
			`<div class="sticky"><h1>
                                                The Hidden Heroines of Chaos
                                            </h1></div>` + strings.Repeat(`<div class="nav">
                                                    <div class="radial__progress"></div>
                                            </div>`, 40) + `<h1>The Hidden Heroines of Chaos</h1><h6 class="byline">By Joshua Sokol</h6><p><em>May 20, 2019</em></p>`,
			"2019-05-20"},
		{"a page without <h1>: the date line under an h2 headline (factorio)", ``,
			"\n" + `<div class="header"><ul class="nav">` + strings.Repeat(`
                                <li><a href="/x">Item</a></li>`, 100) + `</ul></div><div class="blog-post"><h2>Friday Facts #282 - 0.17 in sight</h2><div style="font-size: 11px;">Posted by kovarex, TOGos on 2019-02-15, <a href="/blog/">all posts</a></div>`,
			"2019-02-15"},
		{"a date line of its own over a photo caption's date above it (oann)", ``,
			`<article><header><h1 class="entry-title">Protesters gather at Paris theater to confront Macron over pension reform</h1></header><p class="entry-meta"></p><div class="entry-content"><div style="font-size: small"><img src="/macron.jpg" alt="Macron"><br>FILE PHOTO: French President Emmanuel Macron delivers his new year wishes to the military near Orleans, France, January 16, 2020. Julien De Rosa/Pool via REUTERS</div> <p>January 18, 2020</p><p>PARIS (Reuters) – Protesters opposed to the French government’s proposed changes tried to force their way into a theater.</p></div></article>`,
			"2020-01-18"},
		{"… and a date in the lead when no line of its own holds one", ``,
			`<h1>Protesters gather at Paris theater</h1><div><p>Posted on January 18, 2020 by the news desk of the paper, in the section on world news and politics</p></div>`,
			"2020-01-18"},
		{"a date in the address as last resort (politifact)",
			`<link rel="canonical" href="https://www.politifact.com/truth-o-meter/article/2019/nov/18/politifacts-guide/">`, `<h1>PolitiFact’s guide</h1>`,
			"2019-11-18"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html lang="en"><head>` + tt.head + "</head><body>" + tt.body + "<p>" + strings.Repeat("The council met on Tuesday and agreed the budget for next year. ", 8) + "</p></body></html>"
			r := extractString(t, page, "https://n.example/a")
			if got := r.Date.Format("2006-01-02"); got != tt.want {
				t.Errorf("date %s (%v), want %s", got, r.Date, tt.want)
			}
		})
	}
}

// Reduced from diariodelsur.com.co (blind batch 3 of testdata/meta), a
// Spanish page without a declared language, whose day-first sidebar dates
// follow the section's label in its <h1>.
func TestDateUnderTitledHeading(t *testing.T) {
	page := `<html><head><meta property="og:title" content="El primero en hablar: Sorprendente despedida de Juan Guillermo Cuadrado a Carlos Queiroz"><meta name="dc.date.issued" content="2020-12-06T12:32:58+00:00"></head><body>` +
		`<h1>Fútbol</h1><h2>Minuto a Minuto</h2><div class="views-row"><span class="date">05/12/2020 - 15:10</span><h2>Orquesta Filarmónica Joven de Colombia y Morat encienden la Navidad [EN VIVO]</h2></div>` +
		strings.Repeat(`<div class="views-row"><h2><a href="/x">Mora inscrita para un campeonato mundial</a></h2><span class="date">04/12/2020 - 12:20</span></div>`, 12) +
		`<div class="field field-title"><div class="field-items"><div class="field-item"><h2><a href="/noticias/x" class="active">El primero en hablar: Sorprendente despedida de Juan Guillermo Cuadrado a Carlos Queiroz</a></h2></div></div></div><div class="field field-datetime"><div class="field-items"><div class="field-item">Domingo, Diciembre 6, 2020 - 07:32</div></div></div>` +
		"<p>" + strings.Repeat("Cuatro días después de que se confirmara la salida del técnico portugués Carlos Queiroz de la Selección Colombia, se rompió el silencio. ", 6) + "</p></body></html>"
	r := extractString(t, page, "https://diariodelsur.example/a")
	if got := r.Date.Format("2006-01-02"); got != "2020-12-06" {
		t.Errorf("date %s (%v), want 2020-12-06", got, r.Date)
	}
}

func TestTextLanguage(t *testing.T) {
	for _, c := range []struct{ declared, detected, want string }{
		{"en", "de", "de"},       // a German post under lang="en" (blog.comwrap.com)
		{"en-US", "ko", "ko"},    // a Korean article under lang="en"
		{"en-GB", "en", "en-GB"}, // agreement keeps the region
		{"da", "sv", "da"},       // Danish is not a language the detector knows
		{"", "fr", "fr"},
		{"pt-BR", "", "pt-BR"},
	} {
		if got := textLanguage(c.declared, c.detected); got != c.want {
			t.Errorf("textLanguage(%q, %q) = %q, want %q", c.declared, c.detected, got, c.want)
		}
	}
}

func TestTextRepairs(t *testing.T) {
	para := strings.Repeat("The council met on Tuesday and agreed the budget for next year. ", 8)
	// A gb2312 page declaring its charset after 2 KB of scripts.
	enc, err := simplifiedchinese.GBK.NewEncoder().String("<p>宇航员在太空中喝酒会怎么样？后果很严重。宇航员在太空中喝酒会怎么样？后果很严重。宇航员在太空中喝酒会怎么样？后果很严重。</p>")
	page := "<html><head><script>" + strings.Repeat("var x = 1;\n", 200) + `</script><meta charset="gb2312"><title>t</title></head><body><article>` + enc + "<p>" + para + "</p></article></body></html>"
	if err != nil {
		t.Fatal(err)
	}
	r := extractString(t, page, "https://n.example/a")
	if !strings.Contains(r.Text, "宇航员在太空中喝酒会怎么样") {
		t.Errorf("gb2312 page read wrongly: %.120q", r.Text)
	}
	// Soft hyphens (as the entity and as the character) are dropped.
	r = extractString(t, "<html><body><article><h1>Gesund&shy;heits&shy;wesen</h1><p>Die elektro\u00adnische Patienten&shy;akte kommt. "+para+"</p></article></body></html>", "https://n.example/a")
	if strings.Contains(r.Text, "\u00ad") || !strings.Contains(r.Text, "elektronische Patientenakte") || r.Title != "Gesundheitswesen" {
		t.Errorf("soft hyphens kept: %q %.80q", r.Title, r.Text)
	}
}

func TestBoilerplateLines(t *testing.T) {
	for _, l := range []string{
		"[Related: Trump impeachment hearings: what to know]",
		"Kristi NoemKristi Lynn NoemGovernor of South Dakota…MORE",
		"Sign up for our morning newsletter",
		"Get the Morning Briefing newsletter",
		// Lines both libraries kept on pages of trafilatura's evaluation
		// and Mozilla Readability's tests.
		"To view the full story, please subscribe to The Haitian Times.",
		"If you’re seeing this message but you’re already a subscriber, you can log in for immediate access to this story.",
		"We recommend the best products through an independent review process, and advertisers do not influence our picks. We may receive compensation if you visit partners we recommend.",
		"Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO",
		"EPA/ANDREW GOMBERT",
		"© 2020 ®/TM General Mills All Rights Reserved",
		"Quelle: dpa-AFX",
		"Warning: Creating default object from empty value in /www/htdocs/wp-includes/classes.php on line 407",
		"MIRA: Madre se acerca a conocer los motivos de captura de su hijo y termina detenida",
		"Artikel gefallen? Vergiss nicht zu teilen!",
		"Weitere Informationen zum Volksbegehren:",
	} {
		if got := clean([]block{{text: l}}); len(got) != 0 {
			t.Errorf("kept %q", l)
		}
	}
	for _, l := range []string{
		"The governor said more money would come… more than before, she added, when the council met.",
		"Related issues were raised at the meeting, the mayor said on Tuesday.",
		// Kept in the articles' own text by the Zyte and Mozilla
		// annotators.
		"© Reuters",
		"linux usability ...or, why do I bother. © 2002, 2003 Jamie Zawinski",
		"Warning: the bridge will be closed on Monday, the council said.",
		"Mira, a nurse from Leeds, said she was not surprised by the result.",
	} {
		if got := clean([]block{{text: l}}); len(got) != 1 {
			t.Errorf("dropped %q", l)
		}
	}
}

// Reduced from Readability's hidden-nodes test page.
func TestHiddenNodesAndCode(t *testing.T) {
	para := strings.Repeat("Lorem ipsum dolor sit amet, consetetur sadipscing elitr, sed diam nonumy eirmod tempor. ", 6)
	page := `<html><body><article><h1>Lorem ipsum</h1><p>` + para + `</p><h2>Secondary header</h2><p style="display: none;">Hidden by style ` + para + `</p>` +
		`<h2>Third header</h2><p hidden="hidden">Hidden by attribute ` + para + `</p><pre><code>func main() {
	fmt.Println("` + "``" + `&lt;b&gt;hi&lt;/b&gt;")
}</code></pre><p>` + para + `</p></article></body></html>`
	r := extractString(t, page, "https://n.example/a")
	if strings.Contains(r.Text, "Hidden by") {
		t.Errorf("hidden paragraphs kept: %.300q", r.Text)
	}
	want := "```\nfunc main() {\n\tfmt.Println(\"``<b>hi</b>\")\n}\n```"
	if !strings.Contains(r.Markdown, want) {
		t.Errorf("code block not kept as written:\n%s", r.Markdown)
	}
}
