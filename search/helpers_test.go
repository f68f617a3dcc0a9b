package search

import (
	"encoding/json"
	"os"
	"testing"

	"sportello/content"
)

// mustLoadCorpus reads the fixture knowledge base in testdata/corpus.json: seven topics
// in six languages, plus bank-account in English only (for the fallback).
func mustLoadCorpus(tb testing.TB) []*content.Article {
	tb.Helper()
	b, err := os.ReadFile("testdata/corpus.json")
	if err != nil {
		tb.Fatalf("read corpus: %v", err)
	}
	var arts []*content.Article
	if err := json.Unmarshal(b, &arts); err != nil {
		tb.Fatalf("parse corpus: %v", err)
	}
	return arts
}

// mustOpen opens an index over articles in a fresh temporary directory.
func mustOpen(tb testing.TB, articles []*content.Article) *Index {
	tb.Helper()
	ix, err := Open(tb.TempDir()+"/index", articles)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { _ = ix.Close() })
	return ix
}
