package textsplit

import (
	"strings"
	"testing"
)

func utf16(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

func chars(rune) int { return 1 }

func TestSplit(t *testing.T) {
	tests := []struct {
		name        string
		s           string
		first, rest int
		width       func(rune) int
		want        []string
	}{
		{"fits", "abc", 5, 5, chars, []string{"abc"}},
		{"empty", "", 5, 5, chars, nil},
		{"paragraphs", "aaa\n\nbbb\n\nccc", 8, 8, chars, []string{"aaa\n\nbbb\n\n", "ccc"}},
		{"paragraphs, small budget", "aaa\n\nbbb\n\nccc", 7, 7, chars, []string{"aaa\n\n", "bbb\n\n", "ccc"}},
		{"paragraph beats line", "aa\n\nb\ncc\ndd", 9, 9, chars, []string{"aa\n\n", "b\ncc\ndd"}},
		{"lines", "aaa\nbbb\nccc", 8, 8, chars, []string{"aaa\nbbb\n", "ccc"}},
		{"words", "aaa bbb ccc", 8, 8, chars, []string{"aaa bbb ", "ccc"}},
		{"hard cut", "abcdefgh", 3, 3, chars, []string{"abc", "def", "gh"}},
		{"first budget smaller", "aa bb cc dd", 2, 5, chars, []string{"aa ", "bb cc ", "dd"}},
		// In UTF-16 😀 is 2 units: four fit in 8, never half of one.
		{"emoji are two UTF-16 units", "😀😀😀😀😀", 8, 8, utf16, []string{"😀😀😀😀", "😀"}},
		{"emoji odd budget", "😀😀😀", 3, 3, utf16, []string{"😀", "😀", "😀"}},
		{"emoji are one character", "😀😀😀😀😀", 4, 4, chars, []string{"😀😀😀😀", "😀"}},
		// The space inside the isolate is avoided when one outside exists.
		{"isolate kept whole", "ab \u2067cd ef\u2069 gh", 9, 12, chars, []string{"ab ", "\u2067cd ef\u2069 gh"}},
		{"isolate split when unavoidable", "\u2067abc def\u2069", 6, 6, chars, []string{"\u2067abc ", "def\u2069"}},
		{"combining mark stays", "abe\u0301cd", 3, 3, chars, []string{"ab", "e\u0301c", "d"}},
		{"zwj sequence stays", "a👨\u200d👩", 5, 5, utf16, []string{"a", "👨\u200d👩"}},
		{"flags stay whole", "a🇮🇹🇺🇦", 2, 2, chars, []string{"a", "🇮🇹", "🇺🇦"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Split(tt.s, tt.first, tt.rest, tt.width)
			if strings.Join(got, "") != tt.s {
				t.Errorf("Split lost text: %q", got)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("Split() = %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("Split() = %q, want %q", got, tt.want)
					break
				}
			}
		})
	}
}
