// Package content is Sportello's knowledge base: the article model, the Markdown and
// front matter format editors write, and the loader that validates it. The starter
// knowledge base under kb/ is embedded in the binary.
package content

import (
	"slices"
	"time"
)

// Article is one topic in one language, from content/kb/<slug>/<lang>.md.
type Article struct {
	Slug     string    // topic id, the folder name: "asylum-application"
	Lang     string    // canonical language code, the file name: "fa"
	Title    string    // short, as a person would search it
	Summary  string    // the short answer, two to four sentences
	Keywords []string  // words people type, including Italian administrative words
	Category string    // one of Categories
	Related  []string  // slugs of related articles
	Sources  []string  // URLs the facts rest on
	Reviewed time.Time // when a person last checked it against its sources
	ReviewBy time.Time // when it must be checked again
	Body     string    // Markdown, without the front matter
	Path     string    // where it was loaded from, for messages

	pos *positions // where each part sits in the file; nil for articles built in code
}

// Categories lists the values allowed in an article's category field, in menu order.
var Categories = []string{
	"asylum", "legal", "documents", "reception", "health", "work", "family", "children",
	"education", "housing", "money", "emergency", "help", "travel", "return",
}

// Limits on front matter text, in characters. Chat channels show the title as a
// button label and the summary as the first answer, so both must stay short.
const (
	MaxTitleLen   = 120
	MaxSummaryLen = 600
)

// positions records the file lines of an article's parts, so that checks run after
// parsing (broken links, lint) can point editors at the right line.
type positions struct {
	fields   map[string]int // front matter field name to the line of its key
	keywords []int          // line of each entry of Keywords
	related  []int          // line of each entry of Related
	sources  []int          // line of each entry of Sources
	links    []bodyLink     // links found in the body
	body     int            // first line of the body
}

// line returns the line of a front matter field, or 0 when unknown.
func (a *Article) line(field string) int {
	if a.pos == nil {
		return 0
	}
	return a.pos.fields[field]
}

// itemLine returns lines[i], or 0 when unknown.
func itemLine(lines []int, i int) int {
	if i < len(lines) {
		return lines[i]
	}
	return 0
}

// isCategory reports whether c is one of Categories.
func isCategory(c string) bool { return slices.Contains(Categories, c) }
