package meta

import (
	"strconv"
	"strings"
	"testing"
)

// Lines from real pages (testdata/meta).
func TestVisibleDate(t *testing.T) {
	for _, c := range []struct{ line, lang, want string }{
		{"Published November 20th, 2019 - 07:50 GMT", "en", "2019-11-20"},
		{"Nov. 18, 2019 at 9:24 pm ET", "en", "2019-11-18"},
		{"19 NOV 2019", "en", "2019-11-19"},
		{"Monday, November 18, 2019, 04:05 pm PT (07:05 pm ET)", "en", "2019-11-18"},
		{"sexta-feira, 22 de outubro de 2010 às 20:13", "pt", "2010-10-22"},
		{"publiziert am 25. September 2018", "de", "2018-09-25"},
		{"15.10.2020 21:55", "bg", "2020-10-15"},
		{"入力 2020.08.27 20:27", "ko", "2020-08-27"},
		{"2020. 06. 04. 11:27", "hu", "2020-06-04"},
		{"2016年10月14日07:17", "zh", "2016-10-14"},
		{"17/03/2020", "fr", "2020-03-17"},
		{"On 11/13/2019 at 4:00 PM EST", "en", "2019-11-13"},
		{"03/04/2020", "fr", "2020-04-03"},
		{"Senin, 4 Mei 2020 04:25 WIB", "id", "2020-05-04"},
		{"30 Ekim 2020 Cuma 18:28", "tr", "2020-10-30"},
		{"31 stycznia 2020 | 10:00", "pl", "2020-01-31"},
		{"تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", "ar", "2020-04-24"}, // almadenahnews
		{"الأربعاء، 07 أكتوبر 2020 - 12:09 م", "ar", "2020-10-07"},               // akhbarelyom
		{"١٥ تشرين الأول ٢٠٢٠", "ar", "2020-10-15"},
		{"3 آب 2019", "ar", "2019-08-03"},
		{"24 نيسان/أبريل 2020", "ar", "2020-04-24"},
		{"١٥ تشرين الأول/أكتوبر ٢٠٢٠", "ar", "2020-10-15"},
		{"أكتوبر ٧، ٢٠٢٠", "ar", "2020-10-07"},
		{"بتاريخ٢٤/٤/٢٠٢٠", "ar", "2020-04-24"},
		{"الأربعاء ٧ أكتوبر، ٢٠٢٠", "ar", "2020-10-07"},
		{"نشر في ٠٧\u200f/١٠\u200f/٢٠٢٠", "ar", "2020-10-07"},
		{"3/09/15 8:00am", "en", "2015-03-09"}, // lifehacker
		{"29.10.19 18:30 Uhr", "de", "2019-10-29"},
		{"31.12.99 23:59 Uhr", "de", "1999-12-31"},
		{"12/31/68 11:00pm", "en", "2068-12-31"},
	} {
		got, ok := VisibleDate(c.line, c.lang)
		if !ok || got.Format("2006-01-02") != c.want {
			t.Errorf("VisibleDate(%q) = %v %v, want %s", c.line, got, ok, c.want)
		}
	}
	for _, line := range []string{"© 2004-2019 CBS Interactive", "Updated 2 minutes ago", "30 mln. eurų", "بلغت حصيلة الوفيات 50 ألفاً في 2020", "3/09/15", "won 6-4 6-3 6-2 in 2:31", ""} {
		if got, ok := VisibleDate(line, "en"); ok {
			t.Errorf("VisibleDate(%q) = %v", line, got)
		}
	}
}

// FuzzVisibleDate checks that any line gives a day whose year the line
// writes, in four digits or, in the century time.Parse gives "06"
// (1969-2068), in two, or none; and the same answer twice.
func FuzzVisibleDate(f *testing.F) {
	for _, s := range []string{"تم نشره الجمعة 24 نيسان / أبريل 2020", "١٥ تشرين الأول ٢٠٢٠", "3/09/15 8:00am", "31.12.99 23:59", "Nov. 19, 2019", "نيسان / / أبريل", "كانون", "٧ أكتوبر، ٢٠٢٠"} {
		f.Add(s, "ar")
	}
	f.Fuzz(func(t *testing.T, line, lang string) {
		d, ok := VisibleDate(line, lang)
		if !ok {
			return
		}
		written := arabicDigits.Replace(line)
		y := d.Year()
		four := y >= 1900 && y <= 2099 && strings.Contains(written, strconv.Itoa(y))
		two := y >= 1969 && y <= 2068 && strings.Contains(written, strconv.Itoa(y)[2:])
		if !four && !two {
			t.Fatalf("VisibleDate(%q) = %v: a year the line does not write", line, d)
		}
		if d2, ok2 := VisibleDate(line, lang); !ok2 || !d2.Equal(d) {
			t.Fatalf("VisibleDate(%q) not deterministic", line)
		}
	})
}
