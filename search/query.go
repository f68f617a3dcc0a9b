package search

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"sportello/bot"
)

// Limits on what one query may cost, whatever a person pastes into the chat.
const (
	maxQueryBytes  = 4096 // input is cut at a rune boundary before analysis
	maxQueryTokens = 64   // analysed tokens kept, before deduplication
	maxLimit       = 50
	defaultLimit   = 5
)

// plainBoost weighs a match in the unstemmed plain field. A misspelt word matches only
// there, through its near spellings and divided by edits+1, so it scores below the
// same word spelt right, which also matches the weighted fields.
const plainBoost = 1.5

// queryTerm is one distinct content word of a query after analysis, with what the
// index knows about it.
type queryTerm struct {
	stem  string     // as the weighted fields hold it
	plain string     // as the plain field holds it (unstemmed)
	fuzz  int        // edits allowed when plain is not in the index
	df    int        // articles containing stem or plain, else the nearest spelling
	near  []nearTerm // when plain is not in the index: spellings within fuzz edits
}

// nearTerm is an indexed spelling close to a misspelt query word.
type nearTerm struct {
	term string
	dist int
}

// known reports whether any article contains the word, allowing for typos.
func (t queryTerm) known() bool { return t.df > 0 }

// maxNear bounds the spellings tried for one misspelt word.
const maxNear = 8

// Search finds the articles that best answer text in lang, best first, at most limit
// (5 if limit <= 0), one per slug. Articles in lang come first in consideration; an
// English article stands in for a topic not translated into lang, and its hit carries
// Lang "en". An empty query gives an empty result; an unknown lang an error wrapping
// ErrUnsupportedLang.
func (ix *Index) Search(ctx context.Context, lang, text string, limit int) (bot.SearchResult, error) {
	d, err := ix.SearchDebug(ctx, lang, text, limit)
	return d.Result, err
}

// Debug is Search's answer together with how the confidence was reached, for the
// `sportello search --json` command.
type Debug struct {
	Result   bot.SearchResult `json:"result"`
	Terms    []DebugTerm      `json:"terms"`
	Features Features         `json:"features"`
}

// DebugTerm is one analysed query word and what the top hit did with it.
type DebugTerm struct {
	Stem    string  `json:"stem"`
	Plain   string  `json:"plain"`
	Fuzz    int     `json:"fuzziness"`
	DocFreq int     `json:"doc_freq"` // articles containing it (or its nearest spelling)
	Known   bool    `json:"known"`    // some article contains it, allowing for typos
	Match   float64 `json:"match"`    // 1 exact, fuzzyCredit within typo distance, 0 none
}

// SearchDebug is Search with the analysed terms and confidence features. The terms are
// the person's own words: show them to an operator, never log them.
func (ix *Index) SearchDebug(ctx context.Context, lang, text string, limit int) (Debug, error) {
	if !supported(lang) {
		return Debug{}, fmt.Errorf("search %q: %w", lang, ErrUnsupportedLang)
	}
	if err := ctx.Err(); err != nil {
		return Debug{}, fmt.Errorf("search: %w", err)
	}
	if limit <= 0 {
		limit = defaultLimit
	}
	limit = min(limit, maxLimit)
	text = strings.ToValidUTF8(truncate(text, maxQueryBytes), " ")
	if strings.TrimSpace(text) == "" {
		return Debug{}, nil
	}
	r, err := ix.reader()
	if err != nil {
		return Debug{}, err
	}
	defer r.Close()
	terms, err := ix.lookup(ctx, r, lang, ix.terms(lang, text), true)
	if err != nil {
		return Debug{}, err
	}
	// The person's language and the English fallback are two alternatives of equal
	// standing, so the many clauses of one do not dilute the other's coordination factor.
	var alternatives []query.Query
	if c := clauses(lang, terms); len(c) > 0 {
		alternatives = append(alternatives, query.NewDisjunctionQuery(c))
	}
	var enTerms []queryTerm
	if slugs := ix.fallback[lang]; len(slugs) > 0 {
		// Only exact words reach English articles from another language: Italian
		// terms, numbers, names. Typo tolerance there would cost more than it finds.
		if enTerms, err = ix.lookup(ctx, r, "en", ix.terms("en", text), false); err != nil {
			return Debug{}, err
		}
		if c := clauses("en", enTerms); len(c) > 0 {
			alternatives = append(alternatives, fallbackClause(c, slugs))
		}
	}
	if len(alternatives) == 0 {
		return Debug{}, nil
	}
	req := bleve.NewSearchRequestOptions(query.NewDisjunctionQuery(alternatives), max(limit, 2)+2, 0, false)
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return Debug{}, fmt.Errorf("search %s: %w", lang, err)
	}
	var d Debug
	seen := map[string]bool{}
	for _, h := range res.Hits {
		slug, hl := splitDocID(h.ID)
		if seen[slug] {
			continue
		}
		seen[slug] = true
		d.Result.Hits = append(d.Result.Hits, bot.Hit{Slug: slug, Lang: hl, Score: h.Score})
	}
	if len(res.Hits) == 0 {
		d.Terms, d.Features, err = features(ctx, r, ix.docs[lang], lang, terms, nil, 0, 0)
		return d, err
	}
	top := res.Hits[0]
	featLang, featTerms := lang, terms
	if _, hl := splitDocID(top.ID); hl != lang {
		featLang, featTerms = hl, enTerms
	}
	second := 0.0
	if len(d.Result.Hits) > 1 {
		second = d.Result.Hits[1].Score
	}
	topID, err := r.InternalID(top.ID)
	if err != nil {
		return Debug{}, fmt.Errorf("search %s: %w", lang, err)
	}
	d.Terms, d.Features, err = features(ctx, r, ix.docs[featLang], featLang, featTerms, topID, top.Score, second)
	if err != nil {
		return Debug{}, err
	}
	d.Result.Confidence = d.Features.Confidence
	if len(d.Result.Hits) > limit {
		d.Result.Hits = d.Result.Hits[:limit]
	}
	return d, nil
}

// terms analyses text with both of lang's analyzers and pairs the stemmed and plain
// form of each word by position (the two pipelines differ only in stemming).
func (ix *Index) terms(lang, text string) []queryTerm {
	stemmed := ix.stemmed[lang].Analyze([]byte(text))
	plain := ix.plain[lang].Analyze([]byte(text))
	byPos := make(map[int]string, len(plain))
	for _, t := range plain {
		byPos[t.Position] = string(t.Term)
	}
	seen := map[string]bool{}
	var out []queryTerm
	for i, t := range stemmed {
		if i >= maxQueryTokens {
			break
		}
		s := string(t.Term)
		if seen[s] {
			continue
		}
		seen[s] = true
		p := byPos[t.Position]
		if p == "" {
			p = s
		}
		out = append(out, queryTerm{stem: s, plain: p, fuzz: fuzziness(p)})
	}
	return out
}

// fuzziness allows one typo in words of five or more letters and two from nine; none
// in shorter words or in numbers (112 must not find 118).
func fuzziness(term string) int {
	for _, r := range term {
		if unicode.IsDigit(r) {
			return 0
		}
	}
	switch n := utf8.RuneCountInString(term); {
	case n >= 9:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// clauses returns, per term, exact matches on lang's weighted fields and on its plain
// field, or for a word the index does not hold, matches on the nearest spellings in the
// plain field, weighted down by 1/(edits+1) as Bleve's fuzzy query does.
func clauses(lang string, terms []queryTerm) []query.Query {
	plain := fieldName(plainField, lang)
	term := func(text, field string, boost float64) query.Query {
		q := query.NewTermQuery(text)
		q.SetField(field)
		q.SetBoost(boost)
		return q
	}
	out := make([]query.Query, 0, len(terms)*(len(weightedFields)+1))
	for _, t := range terms {
		for _, f := range weightedFields {
			out = append(out, term(t.stem, fieldName(f.name, lang), f.boost))
		}
		if len(t.near) == 0 {
			out = append(out, term(t.plain, plain, plainBoost))
		}
		for _, n := range t.near {
			out = append(out, term(n.term, plain, plainBoost/float64(n.dist+1)))
		}
	}
	return out
}

// fallbackClause matches English articles, but only those whose topic has no article
// in the person's language.
func fallbackClause(clauses []query.Query, slugs []string) query.Query {
	filter := make([]query.Query, 0, len(slugs))
	for _, s := range slugs {
		q := query.NewTermQuery(s)
		q.SetField("slug")
		filter = append(filter, q)
	}
	q := query.NewBooleanQuery([]query.Query{query.NewDisjunctionQuery(clauses)}, nil, nil)
	q.AddFilter(query.NewDisjunctionQuery(filter))
	return q
}

// truncate cuts s to at most n bytes without splitting a rune.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
