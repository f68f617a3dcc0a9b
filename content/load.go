package content

import (
	"cmp"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"sportello/locales"
)

// Base is a validated knowledge base: every article, indexed by slug and language.
// It is read-only after Load; callers must not modify the articles it returns.
type Base struct {
	articles []*Article          // sorted by slug, then language in locales.Supported order
	byKey    map[string]*Article // slug + "/" + lang
	langs    map[string][]string // slug to its languages, in locales.Supported order
	slugs    []string            // sorted
}

// Load reads every <slug>/<lang>.md file under the root of fsys (os.DirFS for a
// folder of articles, Embedded for the starter knowledge base) and validates it.
// README.md files and names starting with "." are skipped; any other file is an error.
//
// Validation problems are returned together as a *LoadError, so an editor sees all
// of them at once; their paths are relative to the root of fsys. Other errors (an
// unreadable file) are returned as they happen.
func Load(fsys fs.FS) (*Base, error) {
	var (
		articles []*Article
		errs     []*FileError
	)
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read knowledge base: %w", err)
		}
		if skip(name, d) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if reason := misplaced(name); reason != "" {
			errs = append(errs, &FileError{Path: name, Reason: reason})
			return nil
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("read knowledge base: %w", err)
		}
		a, fileErrs := parse(name, data)
		errs = append(errs, fileErrs...)
		if a != nil {
			articles = append(articles, a)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	errs = append(errs, checkDuplicates(articles)...)
	errs = append(errs, checkReferences(articles)...)
	if err := newLoadError(errs); err != nil {
		return nil, err
	}
	return newBase(articles), nil
}

// skip reports whether the walk ignores an entry: hidden names (editor and system
// files, which go:embed leaves out too) and README.md notes for editors.
func skip(name string, d fs.DirEntry) bool {
	if name == "." {
		return false
	}
	return strings.HasPrefix(d.Name(), ".") || (!d.IsDir() && d.Name() == "README.md")
}

// misplaced returns why a file is not where an article can be, or "".
func misplaced(name string) string {
	if path.Ext(name) != ".md" {
		return "not an article: the knowledge base holds only <slug>/<lang>.md files"
	}
	if strings.Count(name, "/") != 1 {
		return "misplaced article: articles live at <slug>/<lang>.md"
	}
	return ""
}

// checkDuplicates reports articles that declare the same slug and language as an
// earlier one, such as case variants of a folder.
func checkDuplicates(articles []*Article) []*FileError {
	var errs []*FileError
	first := map[string]*Article{}
	for _, a := range articles {
		if a.Slug == "" || a.Lang == "" {
			continue
		}
		k := strings.ToLower(key(a.Slug, a.Lang))
		if prev, dup := first[k]; dup {
			errs = append(errs, &FileError{Path: a.Path, Line: a.line("slug"),
				Reason: fmt.Sprintf("duplicate article %s in %s: also in %s", a.Slug, a.Lang, prev.Path)})
			continue
		}
		first[k] = a
	}
	return errs
}

// checkReferences reports related entries and body links that name no article.
// A link to a language version not written yet is left to Lint: translations
// arrive one at a time.
func checkReferences(articles []*Article) []*FileError {
	slugs := map[string]bool{}
	for _, a := range articles {
		slugs[a.Slug] = true
	}
	var errs []*FileError
	for _, a := range articles {
		if a.pos == nil {
			continue
		}
		for i, r := range a.Related {
			if validSlug(r) && r != a.Slug && !slugs[r] {
				errs = append(errs, &FileError{Path: a.Path, Line: itemLine(a.pos.related, i),
					Reason: fmt.Sprintf("related %q: no article has this slug", r)})
			}
		}
		for _, l := range a.pos.links {
			if t, err := classifyLink(l.target); err == nil && t.kind == linkArticle && !slugs[t.slug] {
				errs = append(errs, &FileError{Path: a.Path, Line: l.line,
					Reason: fmt.Sprintf("link %q: no article has the slug %q", l.target, t.slug)})
			}
		}
	}
	return errs
}

// key identifies an article in a Base.
func key(slug, lang string) string { return slug + "/" + lang }

// langIndex orders languages as locales.Supported does, unknown ones last.
func langIndex(lang string) int {
	if i := slices.Index(locales.Supported, lang); i >= 0 {
		return i
	}
	return len(locales.Supported)
}

// newBase indexes validated articles.
func newBase(articles []*Article) *Base {
	slices.SortFunc(articles, func(a, b *Article) int {
		return cmp.Or(strings.Compare(a.Slug, b.Slug), cmp.Compare(langIndex(a.Lang), langIndex(b.Lang)))
	})
	b := &Base{articles: articles, byKey: map[string]*Article{}, langs: map[string][]string{}}
	for _, a := range articles {
		b.byKey[key(a.Slug, a.Lang)] = a
		if _, seen := b.langs[a.Slug]; !seen {
			b.slugs = append(b.slugs, a.Slug)
		}
		b.langs[a.Slug] = append(b.langs[a.Slug], a.Lang)
	}
	return b
}

// Get returns the article on slug in lang. lang may be any code locales.Normalize
// accepts ("fa-AF", "prs").
func (b *Base) Get(slug, lang string) (*Article, bool) {
	if c, ok := locales.Normalize(lang); ok {
		lang = c
	}
	a, ok := b.byKey[key(slug, lang)]
	return a, ok
}

// Articles returns every article, sorted by slug and then by language in the order
// of locales.Supported.
func (b *Base) Articles() []*Article { return slices.Clone(b.articles) }

// Slugs returns every slug, sorted.
func (b *Base) Slugs() []string { return slices.Clone(b.slugs) }

// Langs returns the languages slug is written in, in locales.Supported order.
func (b *Base) Langs(slug string) []string { return slices.Clone(b.langs[slug]) }

// Len returns the number of articles.
func (b *Base) Len() int { return len(b.articles) }
