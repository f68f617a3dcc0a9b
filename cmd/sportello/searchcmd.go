package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"sportello/content"
	"sportello/locales"
	"sportello/search"
)

// knowledge is the knowledge base with a throw-away index over it, so search and eval
// never contend with a running chat or server for the index in the data directory.
type knowledge struct {
	cfg   Config
	base  *content.Base
	index *search.Index
	dir   string
}

func openKnowledge(env getenv) (*knowledge, error) {
	cfg, err := loadConfig(env)
	if err != nil {
		return nil, err
	}
	base, err := loadBase(cfg)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "sportello-index-")
	if err != nil {
		return nil, fmt.Errorf("temporary index: %w", err)
	}
	ix, err := search.Open(dir+"/index", base.Articles())
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("build search index: %w", err)
	}
	return &knowledge{cfg: cfg, base: base, index: ix, dir: dir}, nil
}

// Close closes the index and removes it.
func (k *knowledge) Close() error {
	err := k.index.Close()
	os.RemoveAll(k.dir)
	return err
}

type searchHitJSON struct {
	Slug  string  `json:"slug"`
	Lang  string  `json:"lang"`
	Title string  `json:"title"`
	Score float64 `json:"score"`
}

type searchJSON struct {
	Lang       string          `json:"lang"`
	Confidence float64         `json:"confidence"`
	Threshold  float64         `json:"threshold"`
	Answer     bool            `json:"answer"`
	Hits       []searchHitJSON `json:"hits"`
	Explain    *search.Debug   `json:"explain,omitempty"`
}

func runSearch(ctx context.Context, args []string, io stdio, env getenv) error {
	fs := newFlags("search", "search --lang L [--json] [--limit N] QUERY\n\nSearch the knowledge base as the bot does, and show the confidence it would act on.", io)
	lang := fs.String("lang", "", "language of the query: en, fr, fa, ps, ar or uk (required)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	limit := fs.Int("limit", 5, "how many articles to show (1 to 50)")
	explain := fs.Bool("explain", false, "also show each analysed word and the features behind the confidence")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	query := strings.TrimSpace(strings.Join(fs.Args(), " "))
	code, ok := locales.Normalize(*lang)
	switch {
	case *lang == "":
		return usageError{"--lang is required (en, fr, fa, ps, ar or uk)"}
	case !ok:
		return usageError{fmt.Sprintf("--lang %q is not one of en, fr, fa, ps, ar, uk", *lang)}
	case query == "":
		return usageError{"a query is required"}
	case *limit < 1 || *limit > 50:
		return usageError{"--limit must be from 1 to 50"}
	}
	kb, err := openKnowledge(env)
	if err != nil {
		return err
	}
	defer kb.Close()
	cfg, base, ix := kb.cfg, kb.base, kb.index
	dbg, err := ix.SearchDebug(ctx, code, query, *limit)
	if err != nil {
		return err
	}
	res := dbg.Result
	out := searchJSON{Lang: code, Confidence: res.Confidence, Threshold: cfg.threshold()}
	if *explain {
		out.Explain = &dbg
	}
	out.Answer = len(res.Hits) > 0 && res.Confidence >= out.Threshold
	out.Hits = []searchHitJSON{}
	for _, h := range res.Hits {
		title := ""
		if a, ok := base.Get(h.Slug, h.Lang); ok {
			title = a.Title
		}
		out.Hits = append(out.Hits, searchHitJSON{Slug: h.Slug, Lang: h.Lang, Title: title, Score: h.Score})
	}
	if *asJSON {
		enc := json.NewEncoder(io.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	verdict := "offer a person"
	if out.Answer {
		verdict = "answer"
	}
	fmt.Fprintf(io.Out, "confidence %.2f (threshold %.2f): %s\n", out.Confidence, out.Threshold, verdict)
	for i, h := range out.Hits {
		fmt.Fprintf(io.Out, "%d. %-30s %s  %.3f  %s\n", i+1, h.Slug, h.Lang, h.Score, h.Title)
	}
	if len(out.Hits) == 0 {
		fmt.Fprintln(io.Out, "no articles found")
	}
	if out.Explain != nil {
		f := out.Explain.Features
		fmt.Fprintf(io.Out, "features: terms %d, matched %d, coverage %.2f, heading %.2f, unknown %.2f, margin %.2f\n",
			f.Terms, f.Matched, f.Coverage, f.Heading, f.Unknown, f.Margin)
		for _, t := range out.Explain.Terms {
			fmt.Fprintf(io.Out, "  %-20s in %3d articles  known %-5v match %.1f\n", t.Plain, t.DocFreq, t.Known, t.Match)
		}
	}
	return nil
}
