package search

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/fa"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/token/unicodenorm"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"

	// Registers the "keyword" analyzer used by the slug and lang fields.
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
)

// languages are the canonical codes of the languages Sportello answers in.
var languages = []string{"en", "fr", "fa", "ps", "ar", "uk"}

// Analyzer names as the mapping stores them. Each language has a stemmed analyzer for
// the weighted fields and a plain (unstemmed) one for the typo-tolerant field.
func analyzerName(lang string) string      { return "sportello_" + lang }
func plainAnalyzerName(lang string) string { return "sportello_" + lang + "_plain" }

// The Bleve registry is process-global by design, and an index on disk names its
// analyzers, so they must be registered before any index is opened: hence init.
func init() {
	for _, lang := range languages {
		for _, stem := range []bool{true, false} {
			name := plainAnalyzerName(lang)
			if stem {
				name = analyzerName(lang)
			}
			err := registry.RegisterAnalyzer(name, func(_ map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
				return newAnalyzer(cache, lang, stem)
			})
			if err != nil {
				panic(err)
			}
		}
	}
}

// newAnalyzer assembles the token pipeline for one language. Every pipeline removes
// invisible characters, tokenizes on Unicode word boundaries, lowercases, turns Eastern
// Arabic digits into ASCII, folds accents on Latin words (Italian terms, French), drops
// stop words (with the chat and dialect phrasing of each language), optionally stems,
// and finally maps transliterated Italian administrative words (квестура, كويستورا)
// onto their Latin spelling and each language's variant words onto the one the
// articles use (see variants): Iranian words onto Afghan Dari ones, dialect Arabic onto
// standard Arabic, Russian onto Ukrainian.
func newAnalyzer(cache *registry.Cache, lang string, stem bool) (analysis.Analyzer, error) {
	b := &filterBuilder{cache: cache}
	nfkc := unicodenorm.MustNewUnicodeNormalizeFilter(unicodenorm.NFKC)
	var pre, stems []analysis.TokenFilter
	var plainOnly []analysis.TokenFilter // applied instead of stems in the plain analyzer
	var stopBase string
	var stopExtra []string
	switch lang {
	case "en":
		pre = b.named(en.PossessiveName, lowercase.Name)
		pre = append(pre, digitFilter{}, latinFoldFilter{})
		stopBase, stopExtra, stems = en.StopName, englishStops, b.named(porter.Name)
	case "fr":
		pre = b.named(lowercase.Name, fr.ElisionName)
		pre = append(pre, digitFilter{}, latinFoldFilter{})
		stopBase, stopExtra, stems = fr.StopName, frenchStops, b.named(fr.LightStemmerName)
	case "ar":
		pre = append(b.named(lowercase.Name), nfkc, digitFilter{}, latinFoldFilter{})
		pre = append(pre, b.named(ar.NormalizeName, fa.NormalizeName)...)
		pre = append(pre, arabicHamzaFilter{}, arabicDialectFilter{})
		stopBase, stopExtra, stems = ar.StopName, arabicStops, b.named(ar.StemmerName)
		plainOnly = []analysis.TokenFilter{arabicArticleFilter{}}
	case "fa":
		pre = append(b.named(lowercase.Name), nfkc, digitFilter{}, latinFoldFilter{})
		pre = append(pre, b.named(ar.NormalizeName, fa.NormalizeName)...)
		pre = append(pre, persianLettersFilter{})
		stopBase, stopExtra, stems = fa.StopName, dariStops, []analysis.TokenFilter{dariStemFilter{}}
	case "ps":
		pre = append(b.named(lowercase.Name), nfkc, digitFilter{}, latinFoldFilter{})
		pre = append(pre, b.named(ar.NormalizeName, fa.NormalizeName)...)
		pre = append(pre, persianLettersFilter{pashto: true})
		stopExtra, stems = pashtoStops, []analysis.TokenFilter{pashtoStemFilter{}}
	case "uk":
		pre = append(b.named(lowercase.Name), digitFilter{}, latinFoldFilter{}, ukrainianNormFilter{})
		stopExtra, stems = ukrainianStops, []analysis.TokenFilter{ukrainianStemFilter{}}
	default:
		return nil, fmt.Errorf("unsupported language %q", lang)
	}
	stopWords := b.stopMap(stopBase, stopExtra, pre)
	if lang == "ar" {
		// The conjunction و is written joined to the next word: وقديش, وين and ولا.
		for w := range stopWords {
			stopWords.AddToken("و" + w)
		}
	}
	if b.err != nil {
		return nil, fmt.Errorf("analyzer %s: %w", lang, b.err)
	}
	chain := append(pre, stop.NewStopTokensFilter(stopWords))
	if stem {
		chain = append(chain, stems...)
	} else {
		chain = append(chain, plainOnly...)
	}
	chain = append(chain, newCanonicalTermsFilter(chain, variants[lang]))
	return &analysis.DefaultAnalyzer{
		CharFilters:  []analysis.CharFilter{invisibleCharFilter{}},
		Tokenizer:    unicodetok.NewUnicodeTokenizer(),
		TokenFilters: chain,
	}, nil
}

// variants holds, per language, the words mapped onto the spelling or word the articles
// use (see terms.go).
var variants = map[string]map[string][]string{
	"en": englishVariants, "fr": frenchVariants, "fa": dariVariants, "ps": pashtoVariants,
	"ar": arabicVariants, "uk": ukrainianVariants,
}

// englishStops and frenchStops add question phrasing to Bleve's lists.
var (
	englishStops = []string{"can", "could", "would", "should", "get", "please", "hello", "hi",
		"thanks", "thank", "need", "want", "where", "what", "which", "who", "why", "how", "do", "does",
		// Chat phrasing: "say" would otherwise stem to "sai" and meet SAI.
		"say", "says", "said", "tell", "told", "know", "now", "go", "going", "went", "im", "i'm",
		"dont", "don't", "cant", "can't", "pls", "plz", "ok", "okay", "u", "ur", "true", "really",
		"someone", "something", "anything", "also", "yes", "sir", "madam", "dear"}
	frenchStops = []string{"comment", "pourquoi", "quand", "où", "quel", "quelle", "quels",
		"quelles", "combien", "peux", "peut", "pouvez", "puis", "veux", "voudrais", "faut",
		"dois", "doit", "svp", "bonjour", "merci", "faire", "avoir", "est-ce", "quoi",
		"besoin", "aller", "vais", "va", "chez", "dire", "dit", "savoir", "sais", "c", "ca", "ça",
		"jai", "bjr", "slt", "vrai", "alors", "ok", "oui", "quelqu'un", "quelque",
		"chose", "aussi", "encore", "maintenant", "madame", "monsieur"}
)

// filterBuilder looks up Bleve's own filters and keeps the first error.
type filterBuilder struct {
	cache *registry.Cache
	err   error
}

func (b *filterBuilder) named(names ...string) []analysis.TokenFilter {
	out := make([]analysis.TokenFilter, 0, len(names))
	for _, n := range names {
		f, err := b.cache.TokenFilterNamed(n)
		if err != nil {
			if b.err == nil {
				b.err = fmt.Errorf("token filter %s: %w", n, err)
			}
			continue
		}
		out = append(out, f)
	}
	return out
}

// stopMap merges Bleve's stop list named base (if any) with extra words, each also run
// through the normalising filters norm so the list matches normalised tokens (a Dari stop
// word typed with a Persian ی must match the Arabic ي the normaliser produces).
func (b *filterBuilder) stopMap(base string, extra []string, norm []analysis.TokenFilter) analysis.TokenMap {
	words := append([]string(nil), extra...)
	if base != "" {
		m, err := b.cache.TokenMapNamed(base)
		if err != nil && b.err == nil {
			b.err = fmt.Errorf("stop words %s: %w", base, err)
		}
		for w := range m {
			words = append(words, w)
		}
	}
	out := analysis.NewTokenMap()
	for _, w := range words {
		out.AddToken(w)
		for _, t := range runFilters(norm, w) {
			out.AddToken(t)
		}
	}
	return out
}

// runFilters passes a single word through filters and returns the resulting terms.
func runFilters(filters []analysis.TokenFilter, word string) []string {
	ts := analysis.TokenStream{{Term: []byte(word), Position: 1, Start: 0, End: len(word), Type: analysis.AlphaNumeric}}
	for _, f := range filters {
		ts = f.Filter(ts)
	}
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return out
}

// invisibleCharFilter deletes zero-width and bidi control characters. Deleting the
// zero-width non-joiner (rather than turning it into a space) makes the Dari and Pashto
// spellings "می‌خواهم" and "میخواهم" one token.
type invisibleCharFilter struct{}

func (invisibleCharFilter) Filter(in []byte) []byte {
	clean := true
	for _, r := range string(in) {
		if isInvisible(r) {
			clean = false
			break
		}
	}
	if clean {
		return in
	}
	out := make([]byte, 0, len(in))
	for _, r := range string(in) {
		if !isInvisible(r) {
			out = utf8.AppendRune(out, r)
		}
	}
	return out
}

func isInvisible(r rune) bool {
	switch {
	case r == 0x00AD, r == 0xFEFF, r == 0x061C:
		return true
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2060 && r <= 0x2069:
		return true
	}
	return false
}

// digitFilter maps Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹) digits to ASCII,
// so "۱۱۲" finds 112 and "C۳" finds C3.
type digitFilter struct{}

func (digitFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = mapRunes(t.Term, func(r rune) rune {
			switch {
			case r >= '٠' && r <= '٩':
				return '0' + r - '٠'
			case r >= '۰' && r <= '۹':
				return '0' + r - '۰'
			}
			return r
		})
	}
	return in
}

// latinFoldFilter removes accents from Latin-script tokens only ("réponse" → "reponse",
// "identità" → "identita"); Cyrillic and Arabic-script tokens are left alone so that
// й and ї survive.
type latinFoldFilter struct{}

var asciiFolder = asciifolding.New()

func (latinFoldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		ascii, latin := true, true
		for _, r := range string(t.Term) {
			if r >= utf8.RuneSelf {
				ascii = false
				if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
					latin = false
					break
				}
			}
		}
		if !ascii && latin {
			t.Term = asciiFolder.Filter(t.Term)
		}
	}
	return in
}

// mapRunes applies f to every rune of term, allocating only when something changes.
func mapRunes(term []byte, f func(rune) rune) []byte {
	for i, r := range string(term) {
		if f(r) != r {
			out := append([]byte(nil), term[:i]...)
			for _, r := range string(term[i:]) {
				if m := f(r); m >= 0 {
					out = utf8.AppendRune(out, m)
				}
			}
			return out
		}
	}
	return term
}
