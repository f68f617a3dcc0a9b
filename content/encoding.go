package content

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// bom is the UTF-8 byte order mark some Windows editors put at the start of a file.
var bom = []byte("\xEF\xBB\xBF")

// checkUTF8 reports the line of the first byte that is not valid UTF-8.
func checkUTF8(data []byte) (line int, reason string, ok bool) {
	if bytes.HasPrefix(data, []byte("\xFF\xFE")) || bytes.HasPrefix(data, []byte("\xFE\xFF")) {
		return 1, "file is UTF-16: save it as UTF-8", false
	}
	for off := 0; off < len(data); {
		r, size := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && size == 1 {
			line := bytes.Count(data[:off], []byte("\n")) + 1
			return line, fmt.Sprintf("invalid UTF-8 (byte 0x%02X): save the file as UTF-8", data[off]), false
		}
		off += size
	}
	return 0, "", true
}

// checkMojibake finds UTF-8 text that was decoded as Windows-1252 or Latin-1 and
// saved again ("Ã©" for "é", "â€™" for "’", "Ø§" for "ا"), a common accident when a
// file passes through a spreadsheet or an old editor. It reports the first line
// affected and how many more there are.
func checkMojibake(text string) *FileError {
	first, more := 0, 0
	var seq, fixed string
	for i, line := range strings.Split(text, "\n") {
		s, f, ok := findMojibake(line)
		if !ok {
			continue
		}
		if first == 0 {
			first, seq, fixed = i+1, s, f
		} else {
			more++
		}
	}
	if first == 0 {
		return nil
	}
	reason := fmt.Sprintf("mojibake %q (UTF-8 read as Windows-1252, probably %q): re-save the file as UTF-8", seq, fixed)
	switch {
	case more == 1:
		reason += "; 1 more line affected"
	case more > 1:
		reason += fmt.Sprintf("; %d more lines affected", more)
	}
	return &FileError{Line: first, Reason: reason}
}

// findMojibake returns the first sequence in s whose characters, taken back to
// Windows-1252 bytes, form one multi-byte UTF-8 character, and that character.
func findMojibake(s string) (seq, fixed string, ok bool) {
	runes := []rune(s)
	for i, r := range runes {
		n := utf8Continuations(r)
		if n == 0 || i+n >= len(runes) {
			continue
		}
		b := []byte{byte(r)}
		for _, c := range runes[i+1 : i+1+n] {
			cb, isCont := continuationByte(c, r)
			if !isCont {
				break
			}
			b = append(b, cb)
		}
		if len(b) != n+1 {
			continue
		}
		if dec, size := utf8.DecodeRune(b); dec != utf8.RuneError && size == len(b) {
			return string(runes[i : i+1+n]), string(dec), true
		}
	}
	return "", "", false
}

// utf8Continuations returns how many continuation bytes follow lead when lead, read
// as a Latin-1 character, is the lead byte of a multi-byte UTF-8 sequence.
func utf8Continuations(lead rune) int {
	switch {
	case lead >= 0xC2 && lead <= 0xDF:
		return 1
	case lead >= 0xE0 && lead <= 0xEF:
		return 2
	case lead >= 0xF0 && lead <= 0xF4:
		return 3
	}
	return 0
}

// continuationByte maps a character back to the UTF-8 continuation byte (0x80 to
// 0xBF) that Windows-1252 or Latin-1 shows as that character.
func continuationByte(c, lead rune) (byte, bool) {
	if c == 0xA0 && lead != 0xC3 {
		// A no-break space after a capital letter is ordinary French typography
		// ("RÉFUGIÉ :"); only "Ã" + no-break space is the mojibake of "à".
		return 0, false
	}
	if c >= 0x80 && c <= 0xBF {
		return byte(c), true
	}
	b, ok := cp1252[c]
	return b, ok
}

// cp1252 maps the characters Windows-1252 puts at 0x80 to 0x9F back to their bytes.
var cp1252 = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91,
	'’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98,
	'™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}
