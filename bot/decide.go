package bot

import (
	"context"
	"fmt"

	"sportello/bot/triage"
)

// Kind is what the engine decided to do with a question.
type Kind string

// Decision kinds. The first three are the ones the evaluation counts.
const (
	KindAnswer    Kind = "answer"    // show the best article
	KindEscalate  Kind = "escalate"  // no good answer: offer a person
	KindUrgent    Kind = "urgent"    // emergency numbers first, urgent escalation
	KindSmalltalk Kind = "smalltalk" // a greeting or thanks: no search
)

// Decision is the engine's verdict on one question, before any reply is written.
type Decision struct {
	Kind       Kind
	Reason     string // for escalate: "no_answer", "other_country", "personal_case"; for urgent: the category
	Smalltalk  string // for smalltalk: "greeting", "thanks", "gibberish"
	Hits       []Hit  // search results, best first (answer and escalate)
	Confidence float64
}

// numOptions is how many articles a reply offers: the best one and two others.
const numOptions = 3

// Decider makes the engine's decision on one question. It is what `sportello eval`
// measures, and exactly what a conversation uses.
type Decider struct {
	Searcher Searcher
	// Threshold is the least search confidence at which an article is shown.
	Threshold float64
}

// Decide runs the decision on a question in lang: urgent triage first, then what
// cannot be answered by design (other countries, personal cases), then the search.
func (e Decider) Decide(ctx context.Context, lang, text string) (Decision, error) {
	tr := triage.Classify(lang, text)
	switch {
	case tr.Urgent != "":
		return Decision{Kind: KindUrgent, Reason: string(tr.Urgent)}, nil
	case tr.Smalltalk != "":
		return Decision{Kind: KindSmalltalk, Smalltalk: string(tr.Smalltalk)}, nil
	case tr.Escalate != "":
		return Decision{Kind: KindEscalate, Reason: string(tr.Escalate)}, nil
	}
	res, err := e.Searcher.Search(ctx, lang, text, numOptions)
	if err != nil {
		return Decision{}, fmt.Errorf("search: %w", err)
	}
	d := Decision{Kind: KindEscalate, Reason: "no_answer", Hits: res.Hits, Confidence: res.Confidence}
	if len(res.Hits) > 0 && res.Confidence >= e.Threshold {
		d.Kind, d.Reason = KindAnswer, ""
	}
	return d, nil
}
