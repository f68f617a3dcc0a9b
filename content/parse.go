package content

import (
	"bytes"
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Parse reads one article file. name is the file's path relative to the knowledge
// base root ("asylum-application/en.md"): the folder must match the slug and the
// file name the language. Parse checks everything that one file can show; links to
// other articles are checked by Load, which sees them all.
//
// The error is a *LoadError listing every problem found in the file.
func Parse(name string, data []byte) (*Article, error) {
	a, errs := parse(name, data)
	if err := newLoadError(errs); err != nil {
		return nil, err
	}
	return a, nil
}

// parser collects the problems of one file.
type parser struct {
	path string
	errs []*FileError
}

// failf records a problem at line.
func (p *parser) failf(line int, format string, args ...any) {
	p.errs = append(p.errs, &FileError{Path: p.path, Line: line, Reason: fmt.Sprintf(format, args...)})
}

// section is a part of a file and the file line it starts on.
type section struct {
	text string
	line int
}

// parse returns the article, as complete as the file allows, and its problems.
// The article is nil when the file cannot be read as front matter and body.
func parse(name string, data []byte) (*Article, []*FileError) {
	p := &parser{path: name}
	data = bytes.TrimPrefix(data, bom)
	if line, reason, ok := checkUTF8(data); !ok {
		p.failf(line, "%s", reason)
		return nil, p.errs
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	if fe := checkMojibake(text); fe != nil {
		p.failf(fe.Line, "%s", fe.Reason)
	}
	fm, body, ok := p.split(text)
	if !ok {
		return nil, p.errs
	}
	a := &Article{
		Path: name,
		Body: strings.TrimSpace(body.text),
		pos:  &positions{fields: map[string]int{}, body: body.line},
	}
	if root := p.frontMatter(fm); root != nil {
		p.decode(a, root, fm.line-1)
		p.checkFields(a)
	}
	p.checkBody(a, body)
	return a, p.errs
}

// split cuts the text into the front matter between the two "---" lines and the body.
func (p *parser) split(text string) (fm, body section, ok bool) {
	lines := strings.Split(text, "\n")
	if !isDelimiter(lines[0]) {
		p.failf(1, `missing front matter: the file must start with a line "---"`)
		return fm, body, false
	}
	for i := 1; i < len(lines); i++ {
		if isDelimiter(lines[i]) {
			fm = section{text: strings.Join(lines[1:i], "\n"), line: 2}
			body = section{text: strings.Join(lines[i+1:], "\n"), line: i + 2}
			return fm, body, true
		}
	}
	p.failf(1, `front matter is not closed: add a line "---" after the last field`)
	return fm, body, false
}

// isDelimiter reports whether line is a front matter delimiter.
func isDelimiter(line string) bool { return strings.TrimRight(line, " \t") == "---" }

// yamlLineRe finds the line in a YAML syntax error.
var yamlLineRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlParserErrors are the messages of go.yaml.in/yaml/v3's parser, as opposed to
// its scanner: the parser reports a line counted from 0, the scanner from 1.
var yamlParserErrors = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// yamlErrorLine returns the file line and message of a YAML syntax error in
// front matter starting on file line first.
func yamlErrorLine(err error, first int) (int, string) {
	m := yamlLineRe.FindStringSubmatch(err.Error())
	if m == nil {
		return first, strings.TrimPrefix(err.Error(), "yaml: ")
	}
	n, _ := strconv.Atoi(m[1])
	if yamlParserErrors[m[2]] {
		n++
	}
	return first + n - 1, m[2]
}

// frontMatter parses the front matter as YAML and returns its top-level mapping,
// or nil after recording why it cannot.
func (p *parser) frontMatter(fm section) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(fm.text), &doc); err != nil {
		line, msg := yamlErrorLine(err, fm.line)
		p.failf(line, "front matter is not valid YAML: %s", msg)
		return nil
	}
	if len(doc.Content) == 0 {
		p.failf(1, "front matter is empty")
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		p.failf(fm.line+root.Line-1, `front matter must be "field: value" lines`)
		return nil
	}
	return root
}

// checkBody checks that there is a body and that its links are well formed.
func (p *parser) checkBody(a *Article, body section) {
	if a.Body == "" {
		p.failf(body.line-1, `body is empty: write the article below the closing "---"`)
		return
	}
	for _, l := range extractLinks(body.text, body.line) {
		if _, err := classifyLink(l.target); err != nil {
			p.failf(l.line, "%v", err)
			continue
		}
		a.pos.links = append(a.pos.links, l)
	}
}

// pathParts returns the folder and file names of an article path; folder is empty
// when the path has none.
func pathParts(name string) (folder, file string) {
	dir, file := path.Split(filepath.ToSlash(name))
	if dir == "" {
		return "", file
	}
	return path.Base(dir), file
}
