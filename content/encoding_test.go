package content

import (
	"strings"
	"testing"
)

func TestParseEncoding(t *testing.T) {
	tests := []struct {
		name   string
		data   string
		line   int
		reason string
	}{
		{"invalid UTF-8 in the body", edit(t, validText, "## What to bring", "## What to br\xE9ng"), 18, "invalid UTF-8 (byte 0xE9)"},
		{"invalid UTF-8 in front matter", edit(t, validText, "title: How", "title: H\xF6w"), 4, "invalid UTF-8"},
		{"UTF-16", "\xFF\xFE-\x00-\x00-\x00", 1, "UTF-16"},
		{"mojibake é", edit(t, validText, "any questura", "any questura, cinquantaseiÃ©"), 16, `mojibake "Ã©"`},
		{"mojibake apostrophe", edit(t, validText, "Any **documents**", "Don’t lose your â€™documents"), 20, `mojibake "â€™" (UTF-8 read as Windows-1252, probably "’")`},
		{"mojibake Arabic", edit(t, validText, "title: How to apply for asylum in Italy", "title: Ø§Ù„Ù„Ø¬ÙˆØ¡"), 4, `probably "ا"`},
		{"mojibake Ukrainian", edit(t, validText, "You can ask", "Ð¿Ñ€Ð¸Ñ‚ÑƒÐ»Ð¾Ðº. You can ask"), 16, "mojibake"},
		{"mojibake à", edit(t, validText, "You can ask", "Ã\u00a0 Rome. You can ask"), 16, `probably "à"`},
		{"mojibake on several lines", edit(t, validText, "You can ask", "cafÃ©\ncafÃ©\ncafÃ©\nYou can ask"), 16, "2 more lines affected"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(validPath, []byte(tc.data))
			checkErrors(t, err, wantError{validPath, tc.line, tc.reason})
		})
	}
}

func TestFindMojibakeIgnoresRealText(t *testing.T) {
	texts := []string{
		"Les réfugiés ont droit aux soins : voir « Protection temporaire ».",
		"RÉFUGIÉ\u00a0: ÇA VA\u00a0? À BIENTÔT",
		"Perché è così? Più città, l'età: 18°, 2×3, ½ giornata",
		"اللجوء في إيطاليا — الكويستورا",
		"پناهندگی در ایتالیا؛ کویستورا",
		"Тимчасовий захист в Італії: «permesso di soggiorno»",
		"São Tomé, Ñandú, Ærø, Øresund, Straße",
	}
	for _, s := range texts {
		if seq, _, ok := findMojibake(s); ok {
			t.Errorf("findMojibake(%q) found %q, want nothing", s, seq)
		}
	}
}

func TestMojibakeReasonNamesTheFix(t *testing.T) {
	fe := checkMojibake("ok\nla cittÃ\u00a0 e il caffÃ¨")
	if fe == nil || fe.Line != 2 || !strings.Contains(fe.Reason, `"à"`) {
		t.Fatalf("checkMojibake = %+v, want line 2 naming \"à\"", fe)
	}
}
