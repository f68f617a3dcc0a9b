// Package locales holds every string Sportello says, in its six languages, the
// strings of the moderators' web console, in its four, and the language logic shared
// by the engine and the search index: normalising codes, detecting the language of a
// text, and text direction.
package locales

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Canonical language codes.
const (
	English   = "en"
	French    = "fr"
	Dari      = "fa" // Dari, as Afghans write it
	Pashto    = "ps"
	Arabic    = "ar"
	Ukrainian = "uk"
)

// Supported lists the canonical codes in menu order.
var Supported = []string{English, French, Dari, Pashto, Arabic, Ukrainian}

// Italian is a language of the moderators' web console only. Sportello does not speak
// it with people: Normalize, Match, Name and detection do not know it; only the Bundle
// has messages in it.
const Italian = "it"

// ConsoleLanguages lists the languages of the moderators' web console, in menu order.
// Its strings are the messages whose IDs start with "console.".
var ConsoleLanguages = []string{English, Italian, French, Arabic}

// endonyms are the languages' names in themselves, for the language menu.
var endonyms = map[string]string{
	English:   "English",
	French:    "Français",
	Dari:      "دری",
	Pashto:    "پښتو",
	Arabic:    "العربية",
	Ukrainian: "Українська",
}

// aliases maps other codes and names people or clients use to a canonical code.
// Codes of languages Sportello does not speak are deliberately absent: "ru" must not
// become Ukrainian and "ckb" (Sorani Kurdish) must not become Arabic, even though a
// generic language matcher would pick them.
var aliases = map[string]string{
	"en": English, "eng": English, "english": English, "anglais": English, "inglese": English,
	"англійська": English, "انگلیسی": English, "انګلیسي": English, "الإنجليزية": English,

	"fr": French, "fra": French, "fre": French, "french": French, "francais": French,
	"français": French, "francese": French, "французька": French, "فرانسوی": French, "الفرنسية": French,

	"fa": Dari, "prs": Dari, "fas": Dari, "per": Dari, "dari": Dari, "farsi": Dari,
	"persian": Dari, "dari persian": Dari, "دری": Dari, "دري": Dari, "فارسی": Dari, "فارسي": Dari,

	"ps": Pashto, "pus": Pashto, "pbt": Pashto, "pbu": Pashto, "pst": Pashto, "pashto": Pashto,
	"pushto": Pashto, "pakhto": Pashto, "pukhto": Pashto, "پښتو": Pashto, "پشتو": Pashto,

	"ar": Arabic, "ara": Arabic, "arabic": Arabic, "arabe": Arabic, "arabo": Arabic,
	"العربية": Arabic, "العربيه": Arabic, "عربي": Arabic, "عربی": Arabic, "арабська": Arabic,

	"uk": Ukrainian, "ukr": Ukrainian, "ua": Ukrainian, "ukrainian": Ukrainian, "ukrainien": Ukrainian,
	"ucraino": Ukrainian, "українська": Ukrainian, "українська мова": Ukrainian,
}

// Normalize maps a language tag or name ("fa-AF", "prs", "pbt", "uk-UA", "Français")
// to a canonical code, and reports whether it is one Sportello speaks.
func Normalize(tag string) (string, bool) {
	t := strings.ToLower(strings.TrimSpace(norm.NFC.String(tag)))
	t = strings.ReplaceAll(t, "_", "-")
	if c, ok := aliases[t]; ok {
		return c, true
	}
	if i := strings.IndexByte(t, '-'); i > 0 {
		if c, ok := aliases[t[:i]]; ok {
			return c, true
		}
	}
	return "", false
}

// Match picks the first language Sportello speaks from an HTTP Accept-Language
// header ("uk-UA,uk;q=0.9,en;q=0.8"), in the client's order of preference.
func Match(acceptLanguage string) (string, bool) {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil {
		return "", false
	}
	for _, t := range tags {
		if c, ok := Normalize(t.String()); ok {
			return c, true
		}
	}
	return "", false
}

// canonical returns lang's canonical code, accepting aliases, or "" if unknown.
func canonical(lang string) string {
	if _, ok := endonyms[lang]; ok {
		return lang
	}
	c, _ := Normalize(lang)
	return c
}

// Name returns the language's name in that language ("Українська" for "uk").
func Name(lang string) string { return endonyms[canonical(lang)] }

// IsRTL reports whether lang is written right to left.
func IsRTL(lang string) bool {
	switch canonical(lang) {
	case Arabic, Dari, Pashto:
		return true
	}
	return false
}

// Dir returns the HTML dir attribute for lang: "rtl" or "ltr".
func Dir(lang string) string {
	if IsRTL(lang) {
		return "rtl"
	}
	return "ltr"
}

// Isolate wraps s in Unicode first-strong isolates (U+2068 … U+2069) when lang is
// right to left, so numbers, URLs and Latin words keep their order inside RTL text.
func Isolate(lang, s string) string {
	if !IsRTL(lang) || s == "" {
		return s
	}
	return "\u2068" + s + "\u2069"
}
