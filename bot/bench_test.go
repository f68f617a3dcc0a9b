package bot_test

import (
	"path/filepath"
	"runtime"
	"testing"

	"sportello/bot"
	"sportello/content"
	"sportello/search"
	"sportello/search/searchtest"
)

// Benchmarks of the engine's whole decision on one message: urgent triage, what cannot
// be answered by design, the search with its confidence, and the threshold. Run them
// one at a time:
//
//	go test ./bot/ -run '^$' -bench 'Decide$' -benchtime=2000x
//	go test ./bot/ -run '^$' -bench 'Decide60k' -benchtime=2000x
//
// BenchmarkSearchKB and BenchmarkSearch60k in package search measure a raw Bleve query
// on the same indexes with the same questions; the ratio of the two shows what the
// engine itself costs.

// BenchmarkDecide measures the decision on the starter knowledge base, cycling through
// questions in all six languages.
func BenchmarkDecide(b *testing.B) {
	kb, err := content.Load(content.Embedded())
	if err != nil {
		b.Fatal(err)
	}
	ix := openIndex(b, kb.Articles())
	questions := searchtest.Questions()
	mustReachSearch(b, ix, questions)
	benchDecide(b, ix, questions)
}

// BenchmarkDecide60k measures the decision on an index of 10,000 generated topics in six
// languages (60,000 documents), with generated questions. The generated articles stay
// in memory, as a server holds its knowledge base. build-VmHWM-MB is the process's
// resident peak up to the end of the build; VmRSS-MB and VmHWM-MB are the resident
// memory at the end and at its peak while answering.
func BenchmarkDecide60k(b *testing.B) {
	arts := searchtest.Articles(10_000)
	ix := openIndex(b, arts)
	buildPeak := searchtest.ProcStatus()["VmHWM"]
	questions := searchtest.Queries(300)
	mustReachSearch(b, ix, questions)
	benchDecide(b, ix, questions)
	b.ReportMetric(buildPeak, "build-VmHWM-MB")
	runtime.KeepAlive(arts)
}

// benchDecide decides each question in turn with the default threshold and reports
// p50-ms, p99-ms and the resident memory, its peak counted from the first decision.
func benchDecide(b *testing.B, ix *search.Index, questions []searchtest.Query) {
	d := bot.Decider{Searcher: ix, Threshold: search.DefaultThreshold}
	ctx := b.Context()
	searchtest.ResetPeak()
	var lat searchtest.Latencies
	i := 0
	for b.Loop() {
		q := questions[i%len(questions)]
		var err error
		lat.Time(func() { _, err = d.Decide(ctx, q.Lang, q.Text) })
		if err != nil {
			b.Fatal(err)
		}
		i++
	}
	lat.Report(b)
	searchtest.ReportMemory(b)
}

// openIndex builds an index over articles in a temporary directory.
func openIndex(b *testing.B, articles []*content.Article) *search.Index {
	b.Helper()
	ix, err := search.Open(filepath.Join(b.TempDir(), "index"), articles)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = ix.Close() })
	return ix
}

// mustReachSearch fails the benchmark if a question is decided before the search
// (urgent, small talk, out of scope), which would make the decision look cheaper than
// it is.
func mustReachSearch(b *testing.B, ix *search.Index, questions []searchtest.Query) {
	b.Helper()
	d := bot.Decider{Searcher: ix, Threshold: search.DefaultThreshold}
	for _, q := range questions {
		dec, err := d.Decide(b.Context(), q.Lang, q.Text)
		if err != nil {
			b.Fatal(err)
		}
		if dec.Kind != bot.KindAnswer && dec.Reason != "no_answer" {
			b.Fatalf("Decide(%s, %q) = %s %s before the search", q.Lang, q.Text, dec.Kind, dec.Reason)
		}
	}
}
