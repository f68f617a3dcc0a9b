package content

import (
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// dateLayout is the only date form front matter accepts.
const dateLayout = "2006-01-02"

// field decodes the value n of the front matter field name into a. It returns
// true when the value is well formed but blank, so that decode can report a
// required field left empty. off is added to YAML lines to give file lines.
type field func(p *parser, a *Article, name string, n *yaml.Node, off int) (empty bool)

// fields lists the front matter fields in the order editors write them.
var fields = []struct {
	name     string
	required bool
	decode   field
}{
	{"slug", true, textField(func(a *Article) *string { return &a.Slug })},
	{"lang", true, textField(func(a *Article) *string { return &a.Lang })},
	{"title", true, textField(func(a *Article) *string { return &a.Title })},
	{"summary", true, textField(func(a *Article) *string { return &a.Summary })},
	{"keywords", true, listField(func(a *Article) (*[]string, *[]int) { return &a.Keywords, &a.pos.keywords })},
	{"category", true, textField(func(a *Article) *string { return &a.Category })},
	{"related", false, listField(func(a *Article) (*[]string, *[]int) { return &a.Related, &a.pos.related })},
	{"sources", true, listField(func(a *Article) (*[]string, *[]int) { return &a.Sources, &a.pos.sources })},
	{"reviewed", true, dateField(func(a *Article) *time.Time { return &a.Reviewed })},
	{"review_by", true, dateField(func(a *Article) *time.Time { return &a.ReviewBy })},
}

// textField decodes a single-valued field into the string dst returns.
func textField(dst func(*Article) *string) field {
	return func(p *parser, a *Article, name string, n *yaml.Node, off int) bool {
		var empty bool
		*dst(a), empty = p.text(name, n, off)
		return empty
	}
}

// listField decodes a list field into the slices dst returns: the entries and
// their lines.
func listField(dst func(*Article) (*[]string, *[]int)) field {
	return func(p *parser, a *Article, name string, n *yaml.Node, off int) bool {
		values, lines := dst(a)
		*values, *lines = p.list(name, n, off)
		return *values == nil && isEmptyList(n)
	}
}

// dateField decodes a YYYY-MM-DD field into the time dst returns.
func dateField(dst func(*Article) *time.Time) field {
	return func(p *parser, a *Article, name string, n *yaml.Node, off int) bool {
		var empty bool
		*dst(a), empty = p.date(name, n, off)
		return empty
	}
}

// decode fills a from the front matter mapping. off is added to YAML line numbers
// to give file lines.
func (p *parser) decode(a *Article, root *yaml.Node, off int) {
	empty := map[string]bool{}
	misspelt := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		line := key.Line + off
		if first, dup := a.pos.fields[key.Value]; dup {
			p.failf(line, "field %q repeated (first at line %d)", key.Value, first)
			continue
		}
		f, ok := lookupField(key.Value)
		if !ok {
			p.unknownField(key.Value, line)
			misspelt[closestField(key.Value)] = true
			continue
		}
		a.pos.fields[key.Value] = line
		empty[key.Value] = f(p, a, key.Value, val, off)
	}
	for _, f := range fields {
		line, seen := a.pos.fields[f.name]
		switch {
		case f.required && !seen && !misspelt[f.name]:
			p.failf(1, "missing required field %q", f.name)
		case f.required && empty[f.name]:
			p.failf(line, "field %q is empty", f.name)
		}
	}
}

// lookupField returns the decoder of a field name.
func lookupField(name string) (field, bool) {
	for _, f := range fields {
		if f.name == name {
			return f.decode, true
		}
	}
	return nil, false
}

// text returns a single-valued field as trimmed text; empty reports a blank value
// as opposed to a wrong one.
func (p *parser) text(name string, n *yaml.Node, off int) (v string, empty bool) {
	v = p.scalar(name, n, off)
	return v, v == "" && n.Kind == yaml.ScalarNode
}

// scalar returns a single-valued field as trimmed text, "" for null.
func (p *parser) scalar(name string, n *yaml.Node, off int) string {
	if n.Kind != yaml.ScalarNode {
		p.failf(n.Line+off, "field %q must be a single value", name)
		return ""
	}
	if n.Tag == "!!null" {
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// list returns a list field's entries and their lines; nil when it has none.
func (p *parser) list(name string, n *yaml.Node, off int) ([]string, []int) {
	if isEmptyList(n) {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		p.failf(n.Line+off, "field %q must be a list, like [a, b]", name)
		return nil, nil
	}
	var values []string
	var lines []int
	for _, item := range n.Content {
		v := p.scalar(name+" entry", item, off)
		if v == "" {
			if item.Kind == yaml.ScalarNode {
				p.failf(item.Line+off, "empty entry in %q", name)
			}
			continue
		}
		values = append(values, v)
		lines = append(lines, item.Line+off)
	}
	return values, lines
}

// isEmptyList reports whether n is null or [].
func isEmptyList(n *yaml.Node) bool {
	return (n.Kind == yaml.ScalarNode && n.Tag == "!!null") || (n.Kind == yaml.SequenceNode && len(n.Content) == 0)
}

// date parses a YYYY-MM-DD field; empty reports a blank value.
func (p *parser) date(name string, n *yaml.Node, off int) (t time.Time, empty bool) {
	s, empty := p.text(name, n, off)
	if s == "" {
		return time.Time{}, empty
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		p.failf(n.Line+off, "%s %q is not a date: write YYYY-MM-DD", name, s)
	}
	return t, false
}

// unknownField reports a field Sportello does not know, naming the closest known
// one: most unknown fields are typos.
func (p *parser) unknownField(name string, line int) {
	if best := closestField(name); best != "" {
		p.failf(line, "unknown field %q: did you mean %q?", name, best)
		return
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	p.failf(line, "unknown field %q (known fields: %s)", name, strings.Join(names, ", "))
}

// closestField returns the known field name within two edits of name, or "".
func closestField(name string) string {
	best, bestDist := "", 3
	for _, f := range fields {
		if d := editDistance(strings.ToLower(name), f.name); d < bestDist {
			best, bestDist = f.name, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
