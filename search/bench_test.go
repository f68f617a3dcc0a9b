package search

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"sportello/content"
)

// BenchmarkSearch measures query latency on the fixture knowledge base, cycling through
// the calibration questions.
func BenchmarkSearch(b *testing.B) {
	ix := mustOpen(b, mustLoadCorpus(b))
	cases := mustLoadCalibration(b)
	ctx := b.Context()
	i := 0
	for b.Loop() {
		c := cases[i%len(cases)]
		if _, err := ix.Search(ctx, c.Lang, c.Q, 5); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkBuild10k builds an index of 10,000 synthetic topics in six languages (60,000
// documents). Run with -benchtime=1x: one build takes seconds.
func BenchmarkBuild10k(b *testing.B) {
	arts := syntheticArticles(b, 10_000)
	input := inputMB()
	root := b.TempDir()
	start := time.Now()
	n := 0
	for b.Loop() {
		ix, err := Build(filepath.Join(root, strconv.Itoa(n)), arts)
		if err != nil {
			b.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n*len(arts))/time.Since(start).Seconds(), "docs/s")
	b.ReportMetric(input, "input-MB")
	reportMemory(b)
}

// BenchmarkSearch60k measures query latency on the 60,000-document index, with a mix of
// two- to six-word questions, a third of them with a typo. It reports p50 and p99 in ms.
func BenchmarkSearch60k(b *testing.B) {
	arts := syntheticArticles(b, 10_000)
	input := inputMB()
	ix, err := Build(filepath.Join(b.TempDir(), "index"), arts)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	queries := syntheticQueries(b, 300)
	ctx := b.Context()
	var lat []time.Duration
	b.ResetTimer()
	i := 0
	for b.Loop() {
		q := queries[i%len(queries)]
		start := time.Now()
		if _, err := ix.Search(ctx, q.lang, q.text, 5); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		i++
	}
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(input, "input-MB")
	reportMemory(b)
}

// inputMB returns the heap in use once the synthetic articles are built: the part of
// the resident set that is benchmark input, not index.
func inputMB() float64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapInuse) / (1 << 20)
}

// reportMemory reports the Go heap in use, the process's current and peak resident set.
func reportMemory(b *testing.B) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-inuse-MB")
	b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MB")
	if f, err := os.Open("/proc/self/status"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			for _, key := range []string{"VmHWM", "VmRSS"} {
				if rest, ok := strings.CutPrefix(sc.Text(), key+":"); ok {
					kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
					b.ReportMetric(float64(kb)/1024, key+"-MB")
				}
			}
		}
	}
}

// vocabularies returns, per language, the words of the fixture knowledge base and the
// analyzer test phrases, most frequent first, so synthetic text follows a natural
// frequency curve in the right script.
func vocabularies(tb testing.TB) map[string][]string {
	tb.Helper()
	counts := map[string]map[string]int{}
	add := func(lang, text string) {
		if counts[lang] == nil {
			counts[lang] = map[string]int{}
		}
		for _, w := range strings.FieldsFunc(text, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && r != '\u200c'
		}) {
			if len([]rune(w)) >= 2 {
				counts[lang][strings.ToLower(w)]++
			}
		}
	}
	for _, a := range mustLoadCorpus(tb) {
		add(a.Lang, strings.Join(append([]string{a.Title, a.Summary, a.Body}, a.Keywords...), " "))
	}
	for _, c := range mustLoadCalibration(tb) {
		add(c.Lang, c.Q)
	}
	out := map[string][]string{}
	for lang, m := range counts {
		words := make([]string, 0, len(m))
		for w := range m {
			words = append(words, w)
		}
		slices.SortFunc(words, func(a, b string) int {
			if m[a] != m[b] {
				return m[b] - m[a]
			}
			return strings.Compare(a, b)
		})
		out[lang] = words
	}
	return out
}

// syntheticArticles generates n topics in each of the six languages, deterministically.
// Each article draws its words from the language's vocabulary with a Zipf distribution
// and adds a few rare compound words, as real topics have names of their own.
func syntheticArticles(tb testing.TB, n int) []*content.Article {
	tb.Helper()
	vocab := vocabularies(tb)
	rng := rand.New(rand.NewPCG(1, 2))
	arts := make([]*content.Article, 0, n*len(languages))
	for i := range n {
		slug := fmt.Sprintf("topic-%05d", i)
		for _, lang := range languages {
			v := vocab[lang]
			zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(v)-1))
			words := func(k int) string {
				ws := make([]string, k)
				for j := range ws {
					ws[j] = v[zipf.Uint64()]
				}
				return strings.Join(ws, " ")
			}
			rare := v[rng.IntN(len(v))] + v[rng.IntN(len(v))]
			arts = append(arts, &content.Article{
				Slug:     slug,
				Lang:     lang,
				Title:    words(3+rng.IntN(4)) + " " + rare,
				Summary:  words(25 + rng.IntN(15)),
				Keywords: []string{words(1), words(2), words(1), rare, words(2)},
				Category: "synthetic",
				Body:     words(40) + ".\n\n" + rare + " " + words(40+rng.IntN(60)),
			})
		}
	}
	return arts
}

type syntheticQuery struct{ lang, text string }

// syntheticQueries returns n questions spread over the six languages, a third with a
// typo (two letters swapped) in one word.
func syntheticQueries(tb testing.TB, n int) []syntheticQuery {
	tb.Helper()
	vocab := vocabularies(tb)
	rng := rand.New(rand.NewPCG(3, 4))
	out := make([]syntheticQuery, 0, n)
	for i := range n {
		lang := languages[i%len(languages)]
		v := vocab[lang]
		ws := make([]string, 2+rng.IntN(5))
		for j := range ws {
			ws[j] = v[rng.IntN(len(v))]
		}
		if i%3 == 0 {
			r := []rune(ws[0])
			if len(r) >= 5 {
				k := 1 + rng.IntN(len(r)-2)
				r[k], r[k+1] = r[k+1], r[k]
				ws[0] = string(r)
			}
		}
		out = append(out, syntheticQuery{lang, strings.Join(ws, " ")})
	}
	return out
}
