package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	index "github.com/blevesearch/bleve_index_api"
)

// DefaultThreshold is the confidence from which the engine should answer with the top
// article rather than offer a person. On testdata/calibration.jsonl (180 questions,
// see TestCalibration) five-fold cross-validation gives precision 0.96 and recall 0.95
// at this threshold; higher thresholds trade recall for little precision there. A wrong
// answer costs a refugee more than a short wait for a moderator, so prefer raising it.
const DefaultThreshold = 0.55

// fuzzyCredit is how much a word matched only within typo distance counts, against 1
// for an exact match.
const fuzzyCredit = 0.7

// Features are the query-relative signals behind a confidence. Bleve scores are not
// comparable across queries, so none of them is a raw score.
type Features struct {
	Terms      int     `json:"terms"`      // distinct content words after analysis
	Matched    int     `json:"matched"`    // words the top article matched, exactly or within typo distance
	Coverage   float64 `json:"coverage"`   // IDF-weighted share of the words the top article matched
	Heading    float64 `json:"heading"`    // IDF-weighted share of the words found in the top article's title or keywords
	Unknown    float64 `json:"unknown"`    // share of words no article in the language contains, even with a typo
	Margin     float64 `json:"margin"`     // (top score - second score) / top score; 1 with a single hit
	Confidence float64 `json:"confidence"` // logistic combination, see confidence
}

// Coefficients of the logistic model, fitted by `go test -run TestCalibration
// ./search/ -args -search.fit` on testdata/calibration.jsonl, the label being "the top
// hit is the article that answers". Refit when an analyzer or a feature changes.
const (
	confBias     = -3.28
	confCoverage = 1.95
	confMatched  = 1.65
	confUnknown  = -1.26
	confMargin   = 0.91
	confHeading  = 2.15
)

// confidence combines the features in a logistic model:
//
//	z = bias + a·Coverage + b·min(Matched,3)/3 + c·Unknown + d·Margin + e·Heading
//	confidence = 1 / (1 + e^-z)
//
// A question whose rare words appear in the top article, above all in its title or
// keywords, is likely answered by it. Unknown lowers confidence for questions about
// things the knowledge base never mentions (Juventus, Berlin); Margin raises it when one
// article clearly wins. With no matched word the confidence is 0.
func confidence(f Features) float64 {
	if f.Terms == 0 || f.Matched == 0 {
		return 0
	}
	z := confBias + confCoverage*f.Coverage + confMatched*float64(min(f.Matched, 3))/3 +
		confUnknown*f.Unknown + confMargin*f.Margin + confHeading*f.Heading
	return 1 / (1 + math.Exp(-z))
}

// features measures how well the top hit (internal id top, nil if none) covers terms
// in language lang, which has n articles.
func features(ctx context.Context, r index.IndexReader, n int, lang string, terms []queryTerm, top index.IndexInternalID, topScore, secondScore float64) ([]DebugTerm, Features, error) {
	f := Features{Terms: len(terms), Margin: 1}
	if topScore > 0 && secondScore > 0 {
		f.Margin = (topScore - secondScore) / topScore
	}
	dts := make([]DebugTerm, 0, len(terms))
	var weight, covered, heading float64
	unknown := 0
	for _, t := range terms {
		var m float64
		var head bool
		if top != nil {
			var err error
			if m, head, err = matchOf(ctx, r, lang, t, top); err != nil {
				return nil, Features{}, err
			}
		}
		// A smooth IDF: in a small knowledge base the word "asylum" is in most articles
		// and must still count. An unknown word weighs as much as a word found in a
		// single article: it may be off-topic content (Juventus) or chat filler.
		w := math.Log(1 + float64(n)/float64(max(t.df, 1)))
		weight += w
		covered += w * m
		if head {
			heading += w
		}
		if !t.known() {
			unknown++
		}
		if m > 0 {
			f.Matched++
		}
		dts = append(dts, DebugTerm{Stem: t.stem, Plain: t.plain, Fuzz: t.fuzz, DocFreq: t.df, Known: t.known(), Match: m})
	}
	if weight > 0 {
		f.Coverage, f.Heading = covered/weight, heading/weight
	}
	if len(terms) > 0 {
		f.Unknown = float64(unknown) / float64(len(terms))
	}
	f.Confidence = confidence(f)
	return dts, f, nil
}

// matchOf says how document doc matches t: 1 exactly (stem in a weighted field or plain
// word in the plain field), fuzzyCredit through a near spelling, 0 not at all; and
// whether the stem is in its title or keywords.
func matchOf(ctx context.Context, r index.IndexReader, lang string, t queryTerm, doc index.IndexInternalID) (m float64, heading bool, err error) {
	has := func(term, field string) (bool, error) {
		tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
		if err != nil {
			return false, fmt.Errorf("search: term lookup: %w", err)
		}
		defer tfr.Close()
		d, err := tfr.Advance(doc, nil)
		if err != nil {
			return false, fmt.Errorf("search: term lookup: %w", err)
		}
		return d != nil && d.ID.Equals(doc), nil
	}
	for _, f := range weightedFields {
		ok, err := has(t.stem, fieldName(f.name, lang))
		if err != nil {
			return 0, false, err
		}
		if ok {
			m = 1
			heading = heading || f.name == "title" || f.name == "keywords"
		}
	}
	if m > 0 {
		return m, heading, nil
	}
	plain := fieldName(plainField, lang)
	if ok, err := has(t.plain, plain); ok || err != nil {
		return 1, false, err
	}
	for _, n := range t.near {
		if ok, err := has(n.term, plain); ok || err != nil {
			return fuzzyCredit, false, err
		}
	}
	return 0, false, nil
}

// lookup fills in each term's document frequency in lang. When fuzzy is set (the
// person's own language), a word the index does not hold is first read without the
// clitics speech glues to it (see cliticForms) and, failing that, matched through its
// nearest indexed spellings. It returns the terms without the duplicates a reading can
// create (بايطاليا read as ايطاليا next to ايطاليا).
func (ix *Index) lookup(ctx context.Context, r index.IndexReader, lang string, terms []queryTerm, fuzzy bool) ([]queryTerm, error) {
	plain := fieldName(plainField, lang)
	// df is the number of articles holding the word in any field.
	df := func(stem, plainTerm string) (int, error) {
		n, err := count(ctx, r, plainTerm, plain)
		if err != nil {
			return 0, err
		}
		for _, f := range weightedFields {
			m, err := count(ctx, r, stem, fieldName(f.name, lang))
			if err != nil {
				return 0, err
			}
			n = max(n, m)
		}
		return n, nil
	}
	for i := range terms {
		t := &terms[i]
		var err error
		if t.df, err = df(t.stem, t.plain); err != nil {
			return nil, err
		}
		if t.df > 0 || !fuzzy {
			continue
		}
		for _, form := range cliticForms(lang, t.plain) {
			stem, pl, ok := ix.analyzeWord(lang, form)
			if !ok {
				continue
			}
			n, err := df(stem, pl)
			if err != nil {
				return nil, err
			}
			if n > 0 {
				t.stem, t.plain, t.fuzz, t.df = stem, pl, fuzziness(pl), n
				break
			}
		}
		if t.df > 0 || t.fuzz == 0 {
			continue
		}
		if t.near, err = nearSpellings(r, plain, t.plain, t.fuzz); err != nil {
			return nil, err
		}
		if len(t.near) > 0 {
			if t.df, err = count(ctx, r, t.near[0].term, plain); err != nil {
				return nil, err
			}
		}
	}
	seen := make(map[string]bool, len(terms))
	out := terms[:0]
	for _, t := range terms {
		if t.df == 0 && t.fuzz == 0 && isNumber(t.plain) {
			// A number no article holds ("1500 euro", "2 weeks") says nothing about
			// the topic; one an article holds (112, 60) is kept.
			continue
		}
		if !seen[t.stem] {
			seen[t.stem] = true
			out = append(out, t)
		}
	}
	return out, nil
}

// analyzeWord runs one word through lang's two analyzers; ok is false unless each
// yields exactly one term (a stop word yields none).
func (ix *Index) analyzeWord(lang, word string) (stem, plain string, ok bool) {
	s, p := ix.stemmed[lang].Analyze([]byte(word)), ix.plain[lang].Analyze([]byte(word))
	if len(s) != 1 || len(p) != 1 {
		return "", "", false
	}
	return string(s[0].Term), string(p[0].Term), true
}

// count returns how many documents hold term in field.
func count(ctx context.Context, r index.IndexReader, term, field string) (int, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 0, fmt.Errorf("search: term lookup: %w", err)
	}
	defer tfr.Close()
	return int(tfr.Count()), nil
}

// isNumber reports whether term is made of digits only.
func isNumber(term string) bool {
	for _, r := range term {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return term != ""
}

// nearSpellings lists up to maxNear terms of field within fuzz edits of word, nearest
// first.
func nearSpellings(r index.IndexReader, field, word string, fuzz int) ([]nearTerm, error) {
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return nil, nil
	}
	dict, err := fr.FieldDictFuzzy(field, word, fuzz, "")
	if err != nil {
		return nil, fmt.Errorf("search: fuzzy lookup: %w", err)
	}
	defer dict.Close()
	var near []nearTerm
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("search: fuzzy lookup: %w", err)
		}
		if e == nil {
			break
		}
		if d := levenshtein(e.Term, word, fuzz); d <= fuzz {
			near = append(near, nearTerm{e.Term, d})
		}
	}
	slices.SortFunc(near, func(a, b nearTerm) int {
		return cmp.Or(a.dist-b.dist, strings.Compare(a.term, b.term))
	})
	return near[:min(len(near), maxNear)], nil
}

// levenshtein returns the edit distance between a and b in runes, or limit+1 as soon as
// it is known to exceed limit.
func levenshtein(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
