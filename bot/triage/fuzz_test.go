package triage

import "testing"

// FuzzClassify feeds arbitrary text in every language: Classify must not panic, and a
// result is either urgent, escalate or small talk, never small talk with another verdict.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{"he is hitting me now", "شوهرم مرا می‌زند", "я не хочу жити", "\xff\xfe", "im ١٥ alone", "salam"} {
		f.Add("en", s)
		f.Add("fa", s)
	}
	f.Fuzz(func(t *testing.T, lang, text string) {
		r := Classify(lang, text)
		if r.Smalltalk != "" && (r.Urgent != "" || r.Escalate != "") {
			t.Fatalf("Classify(%q, %q) = %+v: small talk together with another verdict", lang, text, r)
		}
	})
}
