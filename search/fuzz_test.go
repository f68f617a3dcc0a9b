package search

import (
	"slices"
	"testing"

	"sportello/bot"
)

// FuzzSearch sends arbitrary text in every language: Search must not fail on what a
// person types, and its confidence stays between 0 and 1.
func FuzzSearch(f *testing.F) {
	ix := mustOpen(f, mustLoadCorpus(f))
	for _, s := range []string{"tessera sanitaria", "کارت صحی", "лікарня", "\xff\xfe", "AND OR NOT +-:^~\"", "١٢٣ questura"} {
		f.Add(uint8(0), s)
	}
	f.Fuzz(func(t *testing.T, n uint8, text string) {
		lang := languages[int(n)%len(languages)]
		res, err := ix.Search(t.Context(), lang, text, 5)
		if err != nil {
			t.Fatalf("Search(%s, %q): %v", lang, text, err)
		}
		if res.Confidence < 0 || res.Confidence > 1 || len(res.Hits) > 5 {
			t.Fatalf("Search(%s, %q) = %+v", lang, text, res)
		}
		if !slices.IsSortedFunc(res.Hits, func(a, b bot.Hit) int {
			switch {
			case a.Score > b.Score:
				return -1
			case a.Score < b.Score:
				return 1
			}
			return 0
		}) {
			t.Fatalf("hits not ranked by score: %+v", res.Hits)
		}
	})
}
