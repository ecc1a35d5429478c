package thread

import "strings"

// features turns an article into weighted terms: stemmed words, numbers
// and multi-word names, each counted with the weight of where it stands
// (title, lead, body, tail) and boosted when it names something.
func features(title, body string, opt Options) (map[string]float64, []string, []token) {
	tt := tokenize(title, 0)
	bt := tokenize(body, 1000000)
	markEntities(tt, bt)
	tf := map[string]float64{}
	// order lists the terms as they first occur, so that term ids are
	// handed out deterministically without sorting.
	var order []string
	bump := func(k string, w float64) {
		if _, ok := tf[k]; !ok {
			order = append(order, k)
		}
		tf[k] += w
	}
	add := func(toks []token, zone func(k int, tk token) float64) {
		run := make([]string, 0, 4)
		runW := 0.0
		flush := func() {
			for n := 2; n <= len(run) && n <= 3; n++ {
				for s := 0; s+n <= len(run); s++ {
					bump(strings.Join(run[s:s+n], " "), runW*opt.EntityWeight)
				}
			}
			run = run[:0]
		}
		for k, tk := range toks {
			z := zone(k, tk)
			if tk.entity && (len(run) == 0 || tk.joined) && len(run) < 6 {
				if len(run) == 0 {
					runW = z
				}
				run = append(run, tk.lower)
			} else {
				flush()
				if tk.entity {
					runW = z
					run = append(run, tk.lower)
				}
			}
			if !keep(tk) {
				continue
			}
			w := z
			switch {
			case tk.entity:
				w *= opt.EntityWeight
			case tk.number:
				w *= opt.NumberWeight
			}
			key := tk.lower
			if !tk.number {
				key = stem(key)
			}
			bump(key, w)
		}
		flush()
	}
	add(tt, func(int, token) float64 { return opt.TitleWeight })
	firstSent := -1
	if len(bt) > 0 {
		firstSent = bt[0].sent
	}
	add(bt, func(k int, tk token) float64 {
		switch {
		case tk.sent < firstSent+2 && k < 80:
			return opt.LeadWeight
		case k < 400:
			return 1
		default:
			return 0.5
		}
	})
	return tf, order, append(tt, bt...)
}
