package search

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"sportello/content"
)

// mappingVersion changes whenever the mapping, an analyzer or the document layout
// changes; an index on disk built with another version is rebuilt on Open.
const mappingVersion = 2

// Weighted text fields of each language, with their query boosts. Each field is named
// <field>_<lang> (title_fa, body_uk) and analyzed with that language's stemmed analyzer.
var weightedFields = []struct {
	name  string
	boost float64
}{
	{"keywords", 4},
	{"title", 3},
	{"summary", 2},
	{"body", 1},
}

// plainField holds the title, keywords, summary and body again, unstemmed, for the
// typo-tolerant part of a query: "appointmnet" is two edits from "appointment" but far
// from the stem "appoint".
const plainField = "plain"

func fieldName(field, lang string) string { return field + "_" + lang }

func supported(lang string) bool { return slices.Contains(languages, lang) }

// newMapping returns the index mapping: keyword fields slug and lang, and per language
// the weighted fields plus the plain field. Nothing is stored: a hit's slug and language
// come from its document id.
func newMapping() *mapping.IndexMappingImpl {
	keyword := bleve.NewKeywordFieldMapping()
	keyword.Store = false
	keyword.IncludeInAll = false
	keyword.DocValues = false

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("slug", keyword)
	doc.AddFieldMappingsAt("lang", keyword)
	for _, lang := range languages {
		for _, f := range weightedFields {
			doc.AddFieldMappingsAt(fieldName(f.name, lang), textField(analyzerName(lang)))
		}
		doc.AddFieldMappingsAt(fieldName(plainField, lang), textField(plainAnalyzerName(lang)))
	}

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = "keyword"
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}

func textField(analyzer string) *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = analyzer
	f.Store = false
	f.IncludeInAll = false
	f.IncludeTermVectors = false // no highlighting; the confidence reads postings instead
	f.DocValues = false
	return f
}

// docID is the Bleve document id of an article: "slug/lang".
func docID(slug, lang string) string { return slug + "/" + lang }

// splitDocID reverses docID.
func splitDocID(id string) (slug, lang string) {
	i := strings.LastIndexByte(id, '/')
	if i < 0 {
		return id, ""
	}
	return id[:i], id[i+1:]
}

// urlPattern matches link targets and bare URLs, which only add noise like "https".
var urlPattern = regexp.MustCompile(`\]\([^)]*\)|https?://\S+|www\.\S+`)

// articleDoc turns an article into the document Bleve indexes.
func articleDoc(a *content.Article) map[string]any {
	body := a.Body
	if strings.Contains(body, "](") || strings.Contains(body, "http") || strings.Contains(body, "www.") {
		body = urlPattern.ReplaceAllString(body, "]")
	}
	keywords := strings.Join(a.Keywords, " ; ")
	l := a.Lang
	return map[string]any{
		"slug":                   a.Slug,
		"lang":                   l,
		fieldName("title", l):    a.Title,
		fieldName("keywords", l): keywords,
		fieldName("summary", l):  a.Summary,
		fieldName("body", l):     body,
		fieldName(plainField, l): []string{a.Title, keywords, a.Summary, body},
	}
}

// checkArticles rejects articles the index cannot hold.
func checkArticles(articles []*content.Article) error {
	seen := make(map[string]bool, len(articles))
	for _, a := range articles {
		if a == nil {
			return fmt.Errorf("nil article")
		}
		if a.Slug == "" || strings.Contains(a.Slug, "/") {
			return fmt.Errorf("article %q: invalid slug", a.Slug)
		}
		if !supported(a.Lang) {
			return fmt.Errorf("article %s: unsupported language %q", a.Slug, a.Lang)
		}
		id := docID(a.Slug, a.Lang)
		if seen[id] {
			return fmt.Errorf("article %s: duplicate", id)
		}
		seen[id] = true
	}
	return nil
}

// articlesHash fingerprints everything that is indexed, independent of input order.
func articlesHash(articles []*content.Article) string {
	sorted := slices.Clone(articles)
	slices.SortFunc(sorted, func(a, b *content.Article) int {
		return strings.Compare(docID(a.Slug, a.Lang), docID(b.Slug, b.Lang))
	})
	h := sha256.New()
	for _, a := range sorted {
		for _, s := range []string{a.Slug, a.Lang, a.Title, a.Summary, strings.Join(a.Keywords, "\x1f"), a.Body} {
			fmt.Fprintf(h, "%d:%s", len(s), s)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
