package bot_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sportello/locales"
)

// TestEveryMessageExistsInEveryLanguage reads the engine's source for the message IDs
// it uses and checks each is translated into all six languages.
func TestEveryMessageExistsInEveryLanguage(t *testing.T) {
	msgs, err := locales.New()
	if err != nil {
		t.Fatal(err)
	}
	// t.tr("id", ...), Messages.TN(lang, "id", ...), and IDs passed as values ("urgent.n112").
	idRe := regexp.MustCompile(`"((?:lang|answer|option|feedback|noanswer|escalation|moderator|urgent|smalltalk|error)\.[a-z0-9_]+|welcome|help)"`)
	files, _ := filepath.Glob("*.go")
	seen := map[string]bool{}
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.go") {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range idRe.FindAllStringSubmatch(string(src), -1) {
				seen[m[1]] = true
			}
		}
	}
	if len(seen) < 20 {
		t.Fatalf("found only %d message IDs in the engine's source; the pattern is out of date", len(seen))
	}
	for id := range seen {
		for _, lang := range locales.Supported {
			if !msgs.Has(lang, id) {
				t.Errorf("message %q is used by the engine but missing in %s", id, lang)
			}
		}
	}
}
