package search

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// kbQuestion is one line of testdata/kb_questions.jsonl: a question as people type it
// on a phone, and the slugs of the real knowledge base that answer it, or none when the
// knowledge base cannot answer it (another country, football, a personal case, a topic
// of a future article).
//
// The file was written from the topic list and the content facts only, without reading
// the articles' keywords, and committed before any tuning: it is held out. Do not edit a
// question to make it pass; fix an expected slug only when it is genuinely wrong.
type kbQuestion struct {
	Lang   string   `json:"lang"`
	Text   string   `json:"text"`
	Expect []string `json:"expect"`
}

func mustLoadKBQuestions(tb testing.TB) []kbQuestion {
	tb.Helper()
	f, err := os.Open("testdata/kb_questions.jsonl")
	if err != nil {
		tb.Fatalf("open kb questions: %v", err)
	}
	defer f.Close()
	var out []kbQuestion
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q kbQuestion
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			tb.Fatalf("kb questions line %d: %v", len(out)+1, err)
		}
		if !supported(q.Lang) || q.Text == "" {
			tb.Fatalf("kb questions line %d: bad lang or empty text", len(out)+1)
		}
		out = append(out, q)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("read kb questions: %v", err)
	}
	return out
}

// Floors for TestKnowledgeBaseQuality, per language, set a little under the figures
// measured when they were set, so that a change that makes answers worse fails while a
// question or two flipping does not. Raise them when the figures improve.
//
// The questions were written for the first 12 topics, before tuning; 48 answerable
// and 8 unanswerable per language. With the whole starter base (42 topics), the
// unanswerable ones about family reunification, bank accounts, driving licences,
// citizenship, school and Italian courses have articles and expect them, leaving 53
// answerable questions (one is about 0.02) and 3 unanswerable ones (one is 0.33) per
// language. Measured then (P@1, recall@3, unanswerable answered): en 0.89 0.98 0.33,
// fr 0.89 0.98 0.00, fa 0.96 1.00 0.00, ps 0.87 1.00 0.00, ar 0.79 0.96 0.33, uk 0.83
// 1.00 0.00; on the 12 topics alone P@1 had been en 0.92, fr 0.94, fa 0.94, ps 0.90,
// ar 0.83, uk 0.85: thirty more articles compete for every question.
var kbQualityFloors = map[string]struct{ p1, r3, falseAnswers float64 }{
	"en": {0.85, 0.95, 0.34},
	"fr": {0.85, 0.95, 0.34},
	"fa": {0.92, 0.95, 0.34},
	"ps": {0.83, 0.95, 0.34},
	"ar": {0.75, 0.93, 0.34},
	"uk": {0.79, 0.95, 0.34},
}

// TestKnowledgeBaseQuality runs the held-out questions of testdata/kb_questions.jsonl
// against the embedded knowledge base and reports per language: P@1 (the top hit is an
// expected article and the confidence reaches DefaultThreshold, so the bot would answer
// with it), recall@3 (an expected article is among the first three hits) and the share
// of unanswerable questions answered anyway (confidence at or above the threshold). With
// -v it also lists every miss with its confidence features.
func TestKnowledgeBaseQuality(t *testing.T) {
	ix, kb := mustOpenKB(t)
	type tally struct{ answerable, p1, r3, unanswerable, falseAnswers int }
	by := map[string]*tally{}
	for _, l := range languages {
		by[l] = &tally{}
	}
	for _, q := range mustLoadKBQuestions(t) {
		for _, s := range q.Expect {
			if len(kb.Langs(s)) == 0 {
				t.Fatalf("%s %q expects %s, which the knowledge base lacks", q.Lang, q.Text, s)
			}
		}
		d, err := ix.SearchDebug(t.Context(), q.Lang, q.Text, 3)
		if err != nil {
			t.Fatalf("Search(%s, %q): %v", q.Lang, q.Text, err)
		}
		hits := d.Result.Hits
		answered := len(hits) > 0 && d.Result.Confidence >= DefaultThreshold
		s := by[q.Lang]
		var top []string
		for _, h := range hits {
			top = append(top, h.Slug)
		}
		if len(q.Expect) == 0 {
			s.unanswerable++
			if answered {
				s.falseAnswers++
				if testing.Verbose() {
					t.Logf("false answer %s %q → %v conf %.2f %+v", q.Lang, q.Text, top, d.Result.Confidence, d.Features)
				}
			}
			continue
		}
		s.answerable++
		first := len(hits) > 0 && slices.Contains(q.Expect, hits[0].Slug)
		if first && answered {
			s.p1++
		}
		found := false
		for _, h := range hits[:min(3, len(hits))] {
			found = found || slices.Contains(q.Expect, h.Slug)
		}
		if found {
			s.r3++
		}
		if testing.Verbose() && !(first && answered) {
			t.Logf("miss %s %q want %v → %v conf %.2f %+v", q.Lang, q.Text, q.Expect, top, d.Result.Confidence, d.Features)
		}
	}
	var all tally
	for _, l := range languages {
		s := by[l]
		p1, r3, fa := ratio(s.p1, s.answerable), ratio(s.r3, s.answerable), ratio(s.falseAnswers, s.unanswerable)
		t.Logf("%s: P@1 %.2f recall@3 %.2f unanswerable answered %.2f (%d answerable, %d unanswerable)",
			l, p1, r3, fa, s.answerable, s.unanswerable)
		if f := kbQualityFloors[l]; p1 < f.p1 || r3 < f.r3 || fa > f.falseAnswers {
			t.Errorf("%s below floor: P@1 %.2f (min %.2f), recall@3 %.2f (min %.2f), unanswerable answered %.2f (max %.2f)",
				l, p1, f.p1, r3, f.r3, fa, f.falseAnswers)
		}
		all.answerable += s.answerable
		all.p1 += s.p1
		all.r3 += s.r3
		all.unanswerable += s.unanswerable
		all.falseAnswers += s.falseAnswers
	}
	t.Logf("all: P@1 %.2f recall@3 %.2f unanswerable answered %.2f (%d answerable, %d unanswerable)",
		ratio(all.p1, all.answerable), ratio(all.r3, all.answerable), ratio(all.falseAnswers, all.unanswerable),
		all.answerable, all.unanswerable)
}
