package meta

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// visibleMonths are month names, and their usual abbreviations, in the
// languages the detector knows, lower case. A name shared by languages
// ("april", "november") maps to the same month.
var visibleMonths = func() map[string]time.Month {
	m := map[string]time.Month{}
	for _, names := range []string{
		"january february march april may june july august september october november december",
		"januar februar märz april mai juni juli august september oktober november dezember",
		"janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
		"enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
		"janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
		"gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
		"januari februari maart april mei juni juli augustus september oktober november december",
		"januari februari maret april mei juni juli agustus september oktober november desember",
		"januari februari mars april maj juni juli augusti september oktober november december",
		"stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
		"января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
		"ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık",
		"januar februar marts april maj juni juli august september oktober november december",
	} {
		for i, n := range strings.Fields(names) {
			m[n] = time.Month(i + 1)
			if r := []rune(n); len(r) > 3 {
				if _, taken := m[string(r[:3])]; !taken {
					m[string(r[:3])] = time.Month(i + 1)
				}
			}
		}
	}
	m["sept"] = time.September
	m["mär"] = time.March
	return m
}()

var (
	// 2020-06-04, 2020.06.04, 2020/06/04, "2020. 06. 04.", 2020年6月4日, 2020년 6월 4일
	ymdRe = regexp.MustCompile(`\b((?:19|20)\d\d)\s*[-./年년]\s*(\d{1,2})\s*[-./月월]\s*(\d{1,2})(?:\D|$)`)
	// 15.10.2020, 15/10/2020, 15-10-2020
	dmyRe = regexp.MustCompile(`(?:^|[^\d.])(\d{1,2})([./-])(\d{1,2})[./-]((?:19|20)\d\d)\b`)
	// "3/09/15 8:00am", "09.03.15, 08:00": a year of two digits, only
	// with the time of day after it, which tells a date from a fraction
	// or a score.
	dmyShortRe = regexp.MustCompile(`(?:^|[^\d./:])(\d{1,2})([./-])(\d{1,2})[./-](\d\d)(?:,?\s+(?:at\s+|um\s+|à\s+|-\s+|\|\s+)?)\d{1,2}[:h][0-5]\d`)
	// "Nov. 19, 2019", "November 20th, 2019", "19 NOV 2019", "22 de outubro de 2010", "4 Mei 2020";
	// Arabic lines are rewritten in these words first (latinArabicDate)
	wordDateRe = regexp.MustCompile(`(?i)(?:(\d{1,2})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?(\pL{3,12})\.?,?\s+(?:de\s+)?((?:19|20)\d\d))|(?:(\pL{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d))`)
)

// arabicMonths are the month names of Arabic date lines, each under the
// English name it stands for: the forms taken from the Latin names
// (Egypt, the Gulf, the Maghreb, in their usual spellings) and the
// Levantine ones, which pages often write together with them ("24 نيسان /
// أبريل 2020").
var arabicMonths = func() map[string]string {
	m := map[string]string{}
	english := strings.Fields("january february march april may june july august september october november december")
	for _, names := range []string{
		"يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
		"يناير فبراير مارس ابريل مايو يونيه يوليه اغسطس سبتمبر اكتوبر نوفمبر ديسمبر",
		"جانفي فيفري مارس إبريل ماي جوان جويلية أوت سبتمبر أكتوبر نوفمبر دجنبر",
		"كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
	} {
		for i, n := range strings.Fields(names) {
			m[strings.ReplaceAll(n, "_", " ")] = english[i]
		}
	}
	m["إبريل"], m["ديسمبر"], m["دیسمبر"], m["ايار"], m["اذار"], m["ايلول"] = "april", "december", "december", "may", "march", "september"
	return m
}()

// arabicDigits writes Arabic-Indic and Persian digits as ASCII ones,
// and drops the bidi marks that Arabic pages set around numbers
// ("٠٧\u200f/١٠\u200f/٢٠٢٠").
var arabicDigits = strings.NewReplacer("٠", "0", "١", "1", "٢", "2", "٣", "3", "٤", "4", "٥", "5", "٦", "6", "٧", "7", "٨", "8", "٩", "9",
	"۰", "0", "۱", "1", "۲", "2", "۳", "3", "۴", "4", "۵", "5", "۶", "6", "۷", "7", "۸", "8", "۹", "9",
	"\u200f", "", "\u200e", "", "\u061c", "")

// arabicWords splits an Arabic line into words as latinArabicDate reads
// them: the slash of a word without digits stands apart ("نيسان/أبريل"
// is "نيسان / أبريل"; "بتاريخ24/4/2020" stays one word), and a comma, Arabic
// or Latin, that ends a word is a word of its own, ",".
func arabicWords(line string) []string {
	var w []string
	for _, f := range strings.Fields(arabicDigits.Replace(line)) {
		comma := false
		for _, c := range []string{"،", ","} {
			if t := strings.TrimSuffix(f, c); t != f && t != "" {
				f, comma = t, true
				break
			}
		}
		if strings.Contains(f, "/") && hasArabic(f) && !strings.ContainsAny(f, "0123456789") {
			for k, p := range strings.Split(f, "/") {
				if k > 0 {
					w = append(w, "/")
				}
				if p != "" {
					w = append(w, p)
				}
			}
		} else {
			w = append(w, f)
		}
		if comma {
			w = append(w, ",")
		}
	}
	return w
}

// latinArabicDate rewrites an Arabic date line in the words VisibleDate
// reads: its digits in ASCII and each month name in English, a name
// written twice in the two naming systems once ("24 نيسان / أبريل 2020" →
// "24 april 2020"), a comma after a word as English writes it ("أكتوبر
// ٧، ٢٠٢٠" → "october 7, 2020").
func latinArabicDate(line string) string {
	w := arabicWords(line)
	out := make([]string, 0, len(w))
	for i := 0; i < len(w); i++ {
		if w[i] == "," && len(out) > 0 {
			out[len(out)-1] += ","
			continue
		}
		name, ok := "", false
		if i+1 < len(w) {
			name, ok = arabicMonths[w[i]+" "+w[i+1]]
			if ok {
				i++
			}
		}
		if !ok {
			name, ok = arabicMonths[w[i]]
		}
		if !ok {
			out = append(out, w[i])
			continue
		}
		// "نيسان / أبريل": the second name of the same month goes.
		if i+2 < len(w) && w[i+1] == "/" {
			if second, ok := arabicMonths[w[i+2]]; ok && second == name {
				i += 2
			} else if i+3 < len(w) {
				if second, ok := arabicMonths[w[i+2]+" "+w[i+3]]; ok && second == name {
					i += 3
				}
			}
		}
		out = append(out, name)
	}
	return strings.Join(out, " ")
}

// hasArabic reports a line in Arabic script.
func hasArabic(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}

// VisibleDate reads the date a page shows its reader in a short line
// ("Published November 20th, 2019 - 07:50 GMT", "15.10.2020 21:55",
// "입력 2020.08.27 20:27", "sexta-feira, 22 de outubro de 2010"). A
// numeric day/month order is read as the page's language writes it:
// month first in English, day first elsewhere, unless a number above 12
// decides. The date is midnight UTC of that day.
func VisibleDate(line, lang string) (time.Time, bool) {
	if len(line) > 400 {
		line = line[:400]
	}
	if hasArabic(line) {
		line = latinArabicDate(line)
	}
	if m := ymdRe.FindStringSubmatch(line); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if mo >= 1 && mo <= 12 {
			if t, ok := validDate(y, time.Month(mo), d); ok {
				return t, true
			}
		}
	}
	for _, m := range wordDateRe.FindAllStringSubmatch(line, 4) {
		day, month, year := m[1], m[2], m[3]
		if day == "" {
			month, day, year = m[4], m[5], m[6]
		}
		if mo, ok := visibleMonths[strings.ToLower(month)]; ok {
			d, _ := strconv.Atoi(day)
			y, _ := strconv.Atoi(year)
			if t, ok := validDate(y, mo, d); ok {
				return t, true
			}
		}
	}
	m := dmyRe.FindStringSubmatch(line)
	if m == nil {
		if m = dmyShortRe.FindStringSubmatch(line); m != nil {
			// The century as time.Parse reads "06": 69 to 99 are the
			// 1900s ("31.12.99 23:59" is 1999's last minute, not 2099's).
			if m[4] >= "69" {
				m[4] = "19" + m[4]
			} else {
				m[4] = "20" + m[4]
			}
		}
	}
	if m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[3])
		y, _ := strconv.Atoi(m[4])
		d, mo := a, b
		monthFirst := m[2] == "/" && strings.HasPrefix(strings.ToLower(lang), "en")
		if (monthFirst && a <= 12) || b > 12 {
			d, mo = b, a
		}
		if mo >= 1 && mo <= 12 {
			if t, ok := validDate(y, time.Month(mo), d); ok {
				return t, true
			}
		}
	}
	return time.Time{}, false
}
