package search

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sportello/content"
	"sportello/search/searchtest"
)

func mustOpenAt(tb testing.TB, dir string, articles []*content.Article) *Index {
	tb.Helper()
	ix, err := Open(dir, articles)
	if err != nil {
		tb.Fatalf("Open(%s): %v", dir, err)
	}
	return ix
}

func mustClose(tb testing.TB, ix *Index) {
	tb.Helper()
	if err := ix.Close(); err != nil {
		tb.Fatalf("Close: %v", err)
	}
}

func TestOpenReusesUnchangedIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	arts := mustLoadCorpus(t)

	ix := mustOpenAt(t, dir, arts)
	if !ix.Rebuilt() || ix.DocCount() != len(arts) {
		t.Fatalf("first Open: rebuilt %v, %d docs; want rebuilt, %d docs", ix.Rebuilt(), ix.DocCount(), len(arts))
	}
	mustClose(t, ix)
	before, err := os.Stat(filepath.Join(dir, metaFile))
	if err != nil {
		t.Fatal(err)
	}

	// Same articles in another order: reused.
	reversed := make([]*content.Article, len(arts))
	for i, a := range arts {
		reversed[len(arts)-1-i] = a
	}
	ix = mustOpenAt(t, dir, reversed)
	if ix.Rebuilt() {
		t.Fatal("second Open rebuilt an unchanged index")
	}
	res, err := ix.Search(t.Context(), "en", "tessera sanitaria", 1)
	if err != nil || len(res.Hits) == 0 || res.Hits[0].Slug != "health-card" {
		t.Fatalf("Search on reused index = %+v, %v", res, err)
	}
	mustClose(t, ix)
	after, err := os.Stat(filepath.Join(dir, metaFile))
	if err != nil || !after.ModTime().Equal(before.ModTime()) {
		t.Fatalf("metadata rewritten on reuse: %v", err)
	}

	// A changed article: rebuilt, and the change is searchable.
	changed := *arts[0]
	changed.Keywords = append(changed.Keywords, "zanzibar")
	arts[0] = &changed
	ix = mustOpenAt(t, dir, arts)
	defer mustClose(t, ix)
	if !ix.Rebuilt() {
		t.Fatal("Open did not rebuild after an article changed")
	}
	res, err = ix.Search(t.Context(), changed.Lang, "zanzibar", 1)
	if err != nil || len(res.Hits) == 0 || res.Hits[0].Slug != changed.Slug {
		t.Fatalf("Search(zanzibar) = %+v, %v; want %s", res, err, changed.Slug)
	}
}

func TestOpenRebuildsOnMappingVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	arts := mustLoadCorpus(t)
	mustClose(t, mustOpenAt(t, dir, arts))

	meta := readMeta(dir)
	meta.MappingVersion--
	b, _ := json.Marshal(meta)
	if err := os.WriteFile(filepath.Join(dir, metaFile), b, 0o644); err != nil {
		t.Fatal(err)
	}
	ix := mustOpenAt(t, dir, arts)
	defer mustClose(t, ix)
	if !ix.Rebuilt() || readMeta(dir).MappingVersion != mappingVersion {
		t.Fatalf("Open with old mapping version: rebuilt %v, version %d", ix.Rebuilt(), readMeta(dir).MappingVersion)
	}
}

func TestOpenRecoversFromCrashedBuild(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "index")
	arts := mustLoadCorpus(t)
	// A build that died half-way leaves a sibling without metadata, and a swap that
	// died leaves an old copy; neither may be used, both are cleaned up.
	for _, junk := range []string{dir + ".tmp-1", dir + ".old-2", dir} {
		if err := os.MkdirAll(junk, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(junk, "index_meta.json"), []byte("{half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ix := mustOpenAt(t, dir, arts)
	defer mustClose(t, ix)
	if !ix.Rebuilt() {
		t.Fatal("Open reused a directory without metadata")
	}
	left, _ := filepath.Glob(filepath.Join(root, "index.*-*"))
	if len(left) != 0 {
		t.Fatalf("leftover siblings: %v", left)
	}
	if _, err := ix.Search(t.Context(), "uk", "лікарня", 1); err != nil {
		t.Fatal(err)
	}
}

func TestOpenTwiceFailsFast(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	arts := mustLoadCorpus(t)
	ix := mustOpenAt(t, dir, arts)

	for _, open := range []func(string, []*content.Article) (*Index, error){Open, Build} {
		start := time.Now()
		second, err := open(dir, arts)
		if err == nil {
			_ = second.Close()
			t.Fatal("second Open succeeded while the index is open")
		}
		if !errors.Is(err, ErrInUse) {
			t.Fatalf("second Open error = %v, want ErrInUse", err)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Fatalf("second Open took %v", d)
		}
	}
	// Without the lock file, Bleve's own bolt_timeout still refuses a second opener.
	start := time.Now()
	if _, err := openBleve(dir); !errors.Is(err, ErrInUse) || time.Since(start) > 3*time.Second {
		t.Fatalf("openBleve on an open index: %v after %v, want ErrInUse within 3s", err, time.Since(start))
	}
	mustClose(t, ix)
	mustClose(t, mustOpenAt(t, dir, arts))
}

func TestBuildAlwaysRebuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	arts := mustLoadCorpus(t)
	mustClose(t, mustOpenAt(t, dir, arts))
	ix, err := Build(dir, arts)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	defer mustClose(t, ix)
	if !ix.Rebuilt() {
		t.Fatal("Build reused the index")
	}
}

func TestBuildMergesBatchesIntoOneSegment(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	arts := searchtest.Articles(3 * batchDocs / len(languages)) // three batches
	ix := mustOpenAt(t, dir, arts)
	defer mustClose(t, ix)
	if ix.DocCount() != len(arts) {
		t.Fatalf("DocCount() = %d, want %d", ix.DocCount(), len(arts))
	}
	segments, err := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	if err != nil || len(segments) != 1 {
		t.Errorf("index on disk has segments %v (%v), want one", segments, err)
	}
	// Each topic has a name of its own, the last word of its title.
	for _, a := range []*content.Article{arts[0], arts[len(arts)/2+2], arts[len(arts)-1]} {
		words := strings.Fields(a.Title)
		res, err := ix.Search(t.Context(), a.Lang, words[len(words)-1], 1)
		if err != nil {
			t.Fatalf("Search: %v", err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Slug != a.Slug || res.Hits[0].Lang != a.Lang {
			t.Errorf("Search(%s, %q) = %+v, want %s/%s", a.Lang, words[len(words)-1], res.Hits, a.Slug, a.Lang)
		}
	}
}

func TestOpenKeepsForeignDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	precious := filepath.Join(dir, "store.db")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(precious, []byte("conversations"), 0o644); err != nil {
		t.Fatal(err)
	}
	if ix, err := Open(dir, mustLoadCorpus(t)); err == nil {
		_ = ix.Close()
		t.Fatal("Open replaced a directory that is not an index")
	}
	if _, err := os.Stat(precious); err != nil {
		t.Fatalf("foreign file gone: %v", err)
	}
}

func TestOpenRejectsBadArticles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	good := mustLoadCorpus(t)[0]
	for name, arts := range map[string][]*content.Article{
		"unsupported language": {{Slug: "x", Lang: "de"}},
		"empty slug":           {{Lang: "en"}},
		"duplicate":            {good, good},
	} {
		if ix, err := Open(dir, arts); err == nil {
			_ = ix.Close()
			t.Errorf("Open with %s succeeded", name)
		}
	}
}
