package locales

import "testing"

func TestParseAnswer(t *testing.T) {
	tests := []struct {
		in   string
		want Answer
	}{
		{"yes", Yes}, {"Yes please!", Yes}, {"ok", Yes}, {"oui", Yes}, {"d'accord", Yes},
		{"بله", Yes}, {"هو", Yes}, {"نعم", Yes}, {"ايوه", Yes}, {"так", Yes}, {"Так!", Yes},
		{"no", No}, {"no thanks", No}, {"non merci", No}, {"نه", No}, {"لا شكرا", No}, {"ні", No},
		{"", NoAnswer}, {"yes no", NoAnswer}, {"how do i get a tessera sanitaria", NoAnswer},
		{"ok but where is the questura", NoAnswer}, {"3", NoAnswer},
	}
	for _, tc := range tests {
		if got := ParseAnswer(tc.in); got != tc.want {
			t.Errorf("ParseAnswer(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
