package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"

	"sportello/bot"
	"sportello/content"
	"sportello/locales"
)

// evalCase is one line of an evaluation file (see README: Evaluation).
type evalCase struct {
	ID     string   `json:"id"`
	Lang   string   `json:"lang"`
	Text   string   `json:"text"`
	Kind   string   `json:"kind"` // answer, escalate, urgent
	Expect []string `json:"expect"`
}

type answerMetrics struct {
	PAt1      float64 `json:"p_at_1"`
	RecallAt3 float64 `json:"recall_at_3"`
	N         int     `json:"n"`
	hits1     int
	hits3     int
}

func (m *answerMetrics) add(first, inTop3 bool) {
	m.N++
	if first {
		m.hits1++
	}
	if inTop3 {
		m.hits3++
	}
	m.PAt1, m.RecallAt3 = ratio(m.hits1, m.N), ratio(m.hits3, m.N)
}

type recallMetrics struct {
	Recall float64 `json:"recall"`
	N      int     `json:"n"`
	ok     int
}

func (m *recallMetrics) add(ok bool) {
	m.N++
	if ok {
		m.ok++
	}
	m.Recall = ratio(m.ok, m.N)
}

type caseResult struct {
	ID           string   `json:"id"`
	Lang         string   `json:"lang"`
	Kind         string   `json:"kind"`
	Decision     string   `json:"decision"`
	Top          []string `json:"top"`
	Confidence   float64  `json:"confidence"`
	DetectedLang string   `json:"detected_lang"`
	Pass         bool     `json:"pass"`
	LeftOut      bool     `json:"left_out,omitempty"`
}

type evalReport struct {
	Overall  answerMetrics             `json:"overall"`
	ByLang   map[string]*answerMetrics `json:"by_lang"`
	Escalate recallMetrics             `json:"escalate"`
	Urgent   recallMetrics             `json:"urgent"`
	Language recallMetrics             `json:"language_detection"`
	LeftOut  []string                  `json:"left_out"` // answer cases whose expected articles are not in the knowledge base
	Cases    []caseResult              `json:"cases"`
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func runEval(ctx context.Context, args []string, io stdio, env getenv) error {
	fs := newFlags("eval", "eval [--json] FILE.jsonl\n\nRun every case through the bot's decision and print P@1 and recall@3 for answer\ncases, overall and per language, escalate recall and urgent recall.", io)
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{"one evaluation file is required"}
	}
	cases, err := readCases(fs.Arg(0))
	if err != nil {
		return err
	}
	kb, err := openKnowledge(env)
	if err != nil {
		return err
	}
	defer kb.Close()
	cfg, base, ix := kb.cfg, kb.base, kb.index
	rep, err := evaluate(ctx, bot.Decider{Searcher: ix, Threshold: cfg.threshold()}, base, cases)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(io.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	printReport(io.Out, fs.Arg(0), rep)
	return nil
}

// readCases reads a JSONL file, rejecting a bad line with its number and reason.
func readCases(path string) ([]evalCase, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var cases []evalCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c evalCase
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return nil, fmt.Errorf("%s:%d: invalid case: %v", path, n, err)
		}
		if err := c.check(); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("%s: no cases", path)
	}
	return cases, nil
}

func (c evalCase) check() error {
	switch {
	case c.ID == "":
		return fmt.Errorf("case without id")
	case !slices.Contains(locales.Supported, c.Lang):
		return fmt.Errorf("case %s: lang %q is not one of en, fr, fa, ps, ar, uk", c.ID, c.Lang)
	case c.Kind != "answer" && c.Kind != "escalate" && c.Kind != "urgent":
		return fmt.Errorf("case %s: kind %q is not answer, escalate or urgent", c.ID, c.Kind)
	case c.Kind == "answer" && len(c.Expect) == 0:
		return fmt.Errorf("case %s: an answer case needs expect", c.ID)
	}
	return nil
}

// evaluate runs each case through the decision. P@1 counts what the person is shown
// (an article only when the decision is to answer); recall@3 measures the ranking.
func evaluate(ctx context.Context, d bot.Decider, base *content.Base, cases []evalCase) (*evalReport, error) {
	rep := &evalReport{ByLang: map[string]*answerMetrics{}, LeftOut: []string{}}
	for _, c := range cases {
		dec, err := d.Decide(ctx, c.Lang, c.Text)
		if err != nil {
			return nil, fmt.Errorf("case %s: %w", c.ID, err)
		}
		r := caseResult{ID: c.ID, Lang: c.Lang, Kind: c.Kind, Decision: decisionName(dec.Kind), Confidence: dec.Confidence, Top: []string{}}
		for _, h := range dec.Hits {
			r.Top = append(r.Top, h.Slug)
		}
		r.DetectedLang = locales.Detect(c.Text).Lang
		rep.Language.add(r.DetectedLang == c.Lang)
		switch c.Kind {
		case "answer":
			expect := existing(base, c.Expect)
			if len(expect) == 0 {
				rep.LeftOut = append(rep.LeftOut, c.ID)
				r.LeftOut = true
				break
			}
			first := r.Decision == "answer" && len(r.Top) > 0 && slices.Contains(expect, r.Top[0])
			inTop3 := slices.ContainsFunc(r.Top[:min(3, len(r.Top))], func(s string) bool { return slices.Contains(expect, s) })
			r.Pass = first
			rep.Overall.add(first, inTop3)
			if rep.ByLang[c.Lang] == nil {
				rep.ByLang[c.Lang] = &answerMetrics{}
			}
			rep.ByLang[c.Lang].add(first, inTop3)
		case "escalate":
			r.Pass = r.Decision == "escalate"
			rep.Escalate.add(r.Pass)
		case "urgent":
			r.Pass = r.Decision == "urgent"
			rep.Urgent.add(r.Pass)
		}
		rep.Cases = append(rep.Cases, r)
	}
	return rep, nil
}

// decisionName maps a decision to what the person gets: an article, an offer of a
// person (small talk also ends with that offer), or the emergency numbers.
func decisionName(k bot.Kind) string {
	switch k {
	case bot.KindAnswer:
		return "answer"
	case bot.KindUrgent:
		return "urgent"
	}
	return "escalate"
}

// existing keeps the slugs that have an article in the knowledge base.
func existing(base *content.Base, slugs []string) []string {
	var out []string
	for _, s := range slugs {
		if len(base.Langs(s)) > 0 {
			out = append(out, s)
		}
	}
	return out
}

func printReport(w io.Writer, name string, rep *evalReport) {
	fmt.Fprintf(w, "%s: %d cases", name, len(rep.Cases))
	if n := len(rep.LeftOut); n > 0 {
		fmt.Fprintf(w, " (%d answer cases left out: their expected articles are not in the knowledge base)", n)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "answer     P@1 %.2f  recall@3 %.2f  n=%d\n", rep.Overall.PAt1, rep.Overall.RecallAt3, rep.Overall.N)
	langs := make([]string, 0, len(rep.ByLang))
	for l := range rep.ByLang {
		langs = append(langs, l)
	}
	sort.Slice(langs, func(i, j int) bool {
		return slices.Index(locales.Supported, langs[i]) < slices.Index(locales.Supported, langs[j])
	})
	for _, l := range langs {
		m := rep.ByLang[l]
		fmt.Fprintf(w, "  %-8s P@1 %.2f  recall@3 %.2f  n=%d\n", l, m.PAt1, m.RecallAt3, m.N)
	}
	fmt.Fprintf(w, "escalate   recall %.2f  n=%d\n", rep.Escalate.Recall, rep.Escalate.N)
	fmt.Fprintf(w, "urgent     recall %.2f  n=%d\n", rep.Urgent.Recall, rep.Urgent.N)
	fmt.Fprintf(w, "language   detected correctly %.2f  n=%d\n", rep.Language.Recall, rep.Language.N)
	var failed []string
	for _, c := range rep.Cases {
		if !c.Pass && !c.LeftOut {
			failed = append(failed, fmt.Sprintf("  %s (%s): got %s %v, confidence %.2f", c.ID, c.Kind, c.Decision, c.Top, c.Confidence))
		}
	}
	if len(failed) > 0 {
		fmt.Fprintf(w, "missed (%d):\n%s\n", len(failed), strings.Join(failed, "\n"))
	}
}
