package search

import (
	"context"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"sportello/content"
	"sportello/search/searchtest"
)

// Benchmarks of Sportello's search. Speed and memory targets are checked here, never by
// timed tests. Run them one at a time:
//
//	go test ./search/ -run '^$' -bench 'Build10k' -benchtime=1x
//	go test ./search/ -run '^$' -bench 'SearchKB' -benchtime=2000x
//	go test ./search/ -run '^$' -bench 'Search60k' -benchtime=2000x
//
// The engine's whole decision is measured on the same indexes by BenchmarkDecide and
// BenchmarkDecide60k in package bot.

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

// BenchmarkSearchKB measures, on the starter knowledge base and with the questions of
// BenchmarkDecide, Sportello's search (engine) and the raw Bleve baseline (raw).
func BenchmarkSearchKB(b *testing.B) {
	kb, err := content.Load(content.Embedded())
	if err != nil {
		b.Fatal(err)
	}
	ix := mustOpen(b, kb.Articles())
	benchQueries(b, ix, searchtest.Questions(), 0)
}

// BenchmarkSearch60k measures Sportello's search (engine) and the raw Bleve baseline
// (raw) on an index of 10,000 generated topics in six languages, with the generated
// questions of BenchmarkDecide60k. The generated articles stay in memory, as a server
// holds its knowledge base. build-VmHWM-MB is the process's peak up to the end of the
// build; VmHWM-MB is the peak while answering.
func BenchmarkSearch60k(b *testing.B) {
	arts := searchtest.Articles(10_000)
	ix, err := Build(filepath.Join(b.TempDir(), "index"), arts)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	benchQueries(b, ix, searchtest.Queries(300), searchtest.ProcStatus()["VmHWM"])
	runtime.KeepAlive(arts)
}

// BenchmarkBuild10k builds an index of 10,000 generated topics in six languages (60,000
// documents) and reports documents per second, the generated articles' heap (input-MB)
// and the process's resident memory: VmHWM-MB is the peak of the whole process, the
// articles included. Run with -benchtime=1x: one build takes seconds.
func BenchmarkBuild10k(b *testing.B) {
	arts := searchtest.Articles(10_000)
	input := heapMB()
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
	searchtest.ReportMemory(b)
	runtime.KeepAlive(arts)
}

// benchQueries runs Sportello's search and the raw baseline on ix as the sub-benchmarks
// engine and raw, cycling through queries. buildPeak, when not 0, is reported with
// them as build-VmHWM-MB.
func benchQueries(b *testing.B, ix *Index, queries []searchtest.Query, buildPeak float64) {
	run := func(name string, search func(ctx context.Context, q searchtest.Query) error) {
		b.Run(name, func(b *testing.B) {
			benchLatency(b, queries, search)
			if buildPeak > 0 {
				b.ReportMetric(buildPeak, "build-VmHWM-MB")
			}
		})
	}
	run("engine", func(ctx context.Context, q searchtest.Query) error {
		_, err := ix.Search(ctx, q.Lang, q.Text, 5)
		return err
	})
	run("raw", func(ctx context.Context, q searchtest.Query) error {
		_, err := ix.rawSearch(ctx, q.Lang, q.Text, 5)
		return err
	})
}

// benchLatency times search on each query in turn and reports p50-ms, p99-ms and the
// resident memory, its peak counted from the start of this benchmark.
func benchLatency(b *testing.B, queries []searchtest.Query, search func(context.Context, searchtest.Query) error) {
	searchtest.ResetPeak()
	ctx := b.Context()
	var lat searchtest.Latencies
	i := 0
	for b.Loop() {
		q := queries[i%len(queries)]
		var err error
		lat.Time(func() { err = search(ctx, q) })
		if err != nil {
			b.Fatal(err)
		}
		i++
	}
	lat.Report(b)
	searchtest.ReportMemory(b)
}

// rawSearch is the baseline Sportello's search is measured against: the plainest
// honest Bleve query for text in lang. It is a disjunction of match queries on lang's
// weighted fields with their boosts, each analysed by its field's analyzer, for the top
// limit hits: no typo tolerance, no English fallback, no confidence.
func (ix *Index) rawSearch(ctx context.Context, lang, text string, limit int) (*bleve.SearchResult, error) {
	fields := make([]query.Query, 0, len(weightedFields))
	for _, f := range weightedFields {
		q := query.NewMatchQuery(text)
		q.SetField(fieldName(f.name, lang))
		q.SetBoost(f.boost)
		fields = append(fields, q)
	}
	req := bleve.NewSearchRequestOptions(query.NewDisjunctionQuery(fields), limit, 0, false)
	return ix.idx.SearchInContext(ctx, req)
}

// heapMB returns the Go heap in use after a collection, in MB.
func heapMB() float64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapInuse) / (1 << 20)
}
