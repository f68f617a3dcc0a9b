// Package searchtest generates knowledge bases and questions of any size, for measuring
// Sportello's search and decision at scale, and reports what such measurements need:
// latency percentiles and the process's resident memory.
//
// The words come from the starter knowledge base embedded in the binary, per language
// and with their frequencies, so that generated articles look to the analyzers like real
// ones: the same scripts, stop words and Italian administrative words. Everything it
// generates is the same from run to run. Its functions panic if the starter knowledge
// base does not load, which package content's own tests report first. Only tests and
// benchmarks import it.
package searchtest

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"sportello/content"
	"sportello/locales"
)

// Languages are the languages articles and questions are generated in.
var Languages = slices.Clone(locales.Supported)

// Query is one question a person asks, in a language.
type Query struct {
	Lang string
	Text string
}

// linkPattern matches Markdown link targets and bare URLs, whose parts are not words
// anyone would type.
var linkPattern = regexp.MustCompile(`\]\([^)]*\)|https?://\S+|www\.\S+`)

// vocabularies returns, per language, the distinct words of the starter knowledge base,
// most frequent first.
var vocabularies = sync.OnceValue(func() map[string][]string {
	kb, err := content.Load(content.Embedded())
	if err != nil {
		panic(fmt.Sprintf("searchtest: load the embedded knowledge base: %v", err))
	}
	counts := map[string]map[string]int{}
	for _, a := range kb.Articles() {
		if counts[a.Lang] == nil {
			counts[a.Lang] = map[string]int{}
		}
		text := strings.Join(append([]string{a.Title, a.Summary, a.Body}, a.Keywords...), " ")
		for _, w := range words(linkPattern.ReplaceAllString(text, " ")) {
			counts[a.Lang][w]++
		}
	}
	out := make(map[string][]string, len(counts))
	for lang, m := range counts {
		out[lang] = byFrequency(m)
	}
	return out
})

// words splits text into lower-case words of two letters or more. Combining marks and
// the zero-width non-joiner belong to words in Arabic script.
func words(text string) []string {
	fields := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && r != '\u200c'
	})
	out := fields[:0]
	for _, w := range fields {
		if len([]rune(w)) >= 2 {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

// byFrequency returns the words of counts, most frequent first, ties in byte order.
func byFrequency(counts map[string]int) []string {
	ws := make([]string, 0, len(counts))
	for w := range counts {
		ws = append(ws, w)
	}
	slices.SortFunc(ws, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	return ws
}

// Vocabulary returns the words of lang in the starter knowledge base, most frequent
// first. The caller must not modify it.
func Vocabulary(lang string) []string { return vocabularies()[lang] }
