package content

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoad(t *testing.T) {
	fsys := mapFS(map[string]string{
		"asylum-application/en.md":  articleText("asylum-application", "en", "free-legal-aid", "See [a lawyer](../free-legal-aid/)."),
		"asylum-application/ar.md":  articleText("asylum-application", "ar", "", "راجع [محامياً](../free-legal-aid/en.md)."),
		"asylum-application/fa.md":  articleText("asylum-application", "fa", "", "متن."),
		"free-legal-aid/en.md":      articleText("free-legal-aid", "en", "asylum-application", "Text."),
		"README.md":                 "# Notes for editors",
		"free-legal-aid/README.md":  "# Notes",
		".DS_Store":                 "\x00\x01",
		"free-legal-aid/.en.md.swp": "\x00",
	})
	b, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got, want := b.Len(), 4; got != want {
		t.Errorf("Len() = %d, want %d", got, want)
	}
	if got, want := b.Slugs(), []string{"asylum-application", "free-legal-aid"}; !slices.Equal(got, want) {
		t.Errorf("Slugs() = %v, want %v", got, want)
	}
	if got, want := b.Langs("asylum-application"), []string{"en", "fa", "ar"}; !slices.Equal(got, want) {
		t.Errorf("Langs() = %v, want %v (locales.Supported order)", got, want)
	}
	var paths []string
	for _, a := range b.Articles() {
		paths = append(paths, a.Path)
	}
	want := []string{"asylum-application/en.md", "asylum-application/fa.md", "asylum-application/ar.md", "free-legal-aid/en.md"}
	if !slices.Equal(paths, want) {
		t.Errorf("Articles() = %v, want %v", paths, want)
	}
	if a, ok := b.Get("asylum-application", "fa-AF"); !ok || a.Lang != "fa" {
		t.Errorf(`Get("asylum-application", "fa-AF") = %v, %v, want the fa article`, a, ok)
	}
	if a, ok := b.Get("asylum-application", "uk"); ok {
		t.Errorf(`Get("asylum-application", "uk") = %v, want none`, a)
	}
}

func TestLoadEmpty(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"no files":    {},
		"only README": mapFS(map[string]string{"README.md": "# Knowledge base"}),
	} {
		b, err := Load(fsys)
		if err != nil || b.Len() != 0 || len(b.Slugs()) != 0 {
			t.Errorf("%s: Load = %v articles, %v; want an empty base", name, b, err)
		}
	}
}

func TestLoadReportsEveryError(t *testing.T) {
	fsys := mapFS(map[string]string{
		"a/en.md":   articleText("a", "en", "b, missing", "Read [this](../nowhere/) and [that](../b/)."),
		"a/fr.md":   articleText("a", "en", "", "Texte."),
		"b/en.md":   articleText("b", "en", "a", "Text.\n\nSee [the Ukrainian one](../a/uk.md)."),
		"b/fr.md":   edit(t, articleText("b", "fr", "", "Texte."), "category: help", "category: nope"),
		"notes.txt": "to do",
		"stray.md":  "---\n",
		"c/d/en.md": articleText("c", "en", "", "Text."),
	})
	_, err := Load(fsys)
	checkErrors(t, err,
		wantError{"a/en.md", 8, `related "missing": no article has this slug`},
		wantError{"a/en.md", 13, `link "../nowhere/": no article has the slug "nowhere"`},
		wantError{"a/fr.md", 2, "duplicate article a in en: also in a/en.md"},
		wantError{"a/fr.md", 3, `lang "en" does not match the file name "fr.md"`},
		wantError{"b/fr.md", 7, `unknown category "nope"`},
		wantError{"c/d/en.md", 0, "articles live at <slug>/<lang>.md"},
		wantError{"notes.txt", 0, "not an article"},
		wantError{"stray.md", 0, "articles live at <slug>/<lang>.md"},
	)
}

func TestLoadCaseVariantIsDuplicate(t *testing.T) {
	fsys := mapFS(map[string]string{
		"Asylum/en.md": articleText("asylum", "en", "", "Text."),
		"asylum/en.md": articleText("asylum", "en", "", "Text."),
	})
	_, err := Load(fsys)
	checkErrors(t, err,
		wantError{"Asylum/en.md", 2, `does not match its folder "Asylum"`},
		wantError{"asylum/en.md", 2, "duplicate article asylum in en: also in Asylum/en.md"},
	)
}

func TestLoadBrokenLinks(t *testing.T) {
	body := "Intro.\n\n- [ok](../b/)\n- [ok too](../b/en.md#fees)\n- [typo](../b-typo/)\n\n```\n[not a link](../code/)\n```\n"
	fsys := mapFS(map[string]string{
		"a/en.md": articleText("a", "en", "b", body),
		"b/en.md": articleText("b", "en", "", "Text."),
	})
	_, err := Load(fsys)
	checkErrors(t, err, wantError{"a/en.md", 17, `link "../b-typo/": no article has the slug "b-typo"`})
}

func TestLoadDir(t *testing.T) {
	b, err := Load(os.DirFS("testdata/kb"))
	if err != nil {
		t.Fatalf("Load(testdata/kb): %v", err)
	}
	if got, want := b.Len(), 4; got != want {
		t.Fatalf("Len() = %d, want %d", got, want)
	}
	a, ok := b.Get("free-legal-aid", "ar")
	if !ok {
		t.Fatal(`Get("free-legal-aid", "ar"): not found`)
	}
	if !strings.HasPrefix(a.Title, "المساعدة القانونية") {
		t.Errorf("Title = %q, want the Arabic title", a.Title)
	}
}
