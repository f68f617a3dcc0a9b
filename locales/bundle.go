package locales

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed active.*.toml console.*.toml
var messageFiles embed.FS

// consolePrefix starts the ID of every string of the moderators' web console. Those
// messages live in console.<tag>.toml, one file per language of ConsoleLanguages;
// every other message is said to people and lives in active.<tag>.toml, one file per
// language of Supported.
const consolePrefix = "console."

// i18nTags maps each canonical code to the go-i18n language tag its files are loaded
// under. Dari uses "fa": go-i18n has CLDR plural rules for fa but rejects "prs".
var i18nTags = map[string]string{
	English:   "en",
	French:    "fr",
	Dari:      "fa",
	Pashto:    "ps",
	Arabic:    "ar",
	Ukrainian: "uk",
	Italian:   "it",
}

// messageFile is one file of messages the bundle loads.
type messageFile struct {
	lang    string // canonical code
	path    string
	console bool // console.<tag>.toml: only IDs starting with consolePrefix
}

// messageFileList returns the files a bundle is made of: the people's messages in
// every supported language, then the console's in every console language.
func messageFileList() []messageFile {
	files := make([]messageFile, 0, len(Supported)+len(ConsoleLanguages))
	for _, lang := range Supported {
		files = append(files, messageFile{lang: lang, path: "active." + i18nTags[lang] + ".toml"})
	}
	for _, lang := range ConsoleLanguages {
		files = append(files, messageFile{lang: lang, path: "console." + i18nTags[lang] + ".toml", console: true})
	}
	return files
}

// bundleLangs returns the languages the bundle has messages in: Supported, then the
// console languages people are not offered (Italian).
func bundleLangs() []string {
	langs := slices.Clone(Supported)
	for _, lang := range ConsoleLanguages {
		if !slices.Contains(langs, lang) {
			langs = append(langs, lang)
		}
	}
	return langs
}

// Bundle holds Sportello's messages: those said to people in every supported
// language, and the moderators' console strings in every console language. It is
// built once at start-up, never changes afterwards, and is safe for concurrent use.
type Bundle struct {
	localizers map[string]*i18n.Localizer // canonical code → localizer for exactly that language
	present    map[string]map[string]bool // canonical code → IDs with a non-empty text in its own files
	ids        []string                   // sorted IDs of the English files
}

// New loads the embedded message files. It fails if a file is missing or malformed,
// or holds a message that belongs in the other kind of file, so a broken translation
// stops the program at start-up rather than mid-conversation.
func New() (*Bundle, error) {
	return newBundle(messageFiles)
}

// newBundle loads active.<tag>.toml for every supported language and
// console.<tag>.toml for every console language from fsys.
func newBundle(fsys fs.FS) (*Bundle, error) {
	ib := i18n.NewBundle(language.English)
	ib.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	langs := bundleLangs()
	b := &Bundle{
		localizers: make(map[string]*i18n.Localizer, len(langs)),
		present:    make(map[string]map[string]bool, len(langs)),
	}
	for _, f := range messageFileList() {
		mf, err := ib.LoadMessageFileFS(fsys, f.path)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", f.path, err)
		}
		// The two kinds of file share a go-i18n language, so an ID in the wrong kind
		// would silently replace or shadow a message of the other.
		for _, m := range mf.Messages {
			if strings.HasPrefix(m.ID, consolePrefix) != f.console {
				return nil, fmt.Errorf("load %s: message %q: IDs starting with %q belong in console.*.toml, all others in active.*.toml", f.path, m.ID, consolePrefix)
			}
		}
		if b.present[f.lang] == nil {
			b.present[f.lang] = make(map[string]bool, len(mf.Messages))
		}
		maps.Copy(b.present[f.lang], messageIDs(mf.Messages))
	}
	for _, lang := range langs {
		b.localizers[lang] = i18n.NewLocalizer(ib, i18nTags[lang])
	}
	b.ids = slices.Sorted(maps.Keys(b.present[English]))
	if err := b.checkMatching(); err != nil {
		return nil, err
	}
	return b, nil
}

// messageIDs returns the IDs of the messages that have at least one non-empty form.
func messageIDs(msgs []*i18n.Message) map[string]bool {
	ids := make(map[string]bool, len(msgs))
	for _, m := range msgs {
		for _, s := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
			if s != "" {
				ids[m.ID] = true
				break
			}
		}
	}
	return ids
}

// checkMatching makes sure every localizer resolves to its own language. go-i18n's
// matcher would otherwise silently serve a neighbouring language (ru → uk, ckb → ar).
func (b *Bundle) checkMatching() error {
	if len(b.ids) == 0 {
		return errors.New("the English files have no messages")
	}
	for _, lang := range bundleLangs() {
		id := b.anyID(lang)
		_, tag, err := b.localizers[lang].LocalizeWithTag(&i18n.LocalizeConfig{MessageID: id})
		if err != nil {
			return fmt.Errorf("localize %s in %s: %w", id, lang, err)
		}
		if tag.String() != i18nTags[lang] {
			return fmt.Errorf("localizer for %s resolves to %s", lang, tag)
		}
	}
	return nil
}

// anyID returns an ID present in lang's own file, or "" if it has none.
func (b *Bundle) anyID(lang string) string {
	for _, id := range b.ids {
		if b.present[lang][id] {
			return id
		}
	}
	return ""
}

// T returns message id in lang, filled with data. A message not yet translated comes
// back in English; an unknown ID comes back as the ID itself, so the bug is visible
// without crashing. An unknown lang is treated as English. lang may be any supported
// language or console language (Italian only has the console's strings).
func (b *Bundle) T(lang, id string, data map[string]any) string {
	return b.localize(lang, &i18n.LocalizeConfig{MessageID: id, TemplateData: data})
}

// TN is T for a message with plural forms: count picks the form by the language's
// CLDR rules, and is also available to the template as {{.Count}}.
func (b *Bundle) TN(lang, id string, count int, data map[string]any) string {
	td := make(map[string]any, len(data)+1)
	td["Count"] = count
	maps.Copy(td, data)
	return b.localize(lang, &i18n.LocalizeConfig{MessageID: id, TemplateData: td, PluralCount: count})
}

// localize runs lc in lang. go-i18n reports a message missing in lang together with
// its English text; that is the fallback we want, so only a missing text is an error.
func (b *Bundle) localize(lang string, lc *i18n.LocalizeConfig) string {
	s, err := b.localizer(lang).Localize(lc)
	if err == nil || s != "" {
		return s
	}
	return lc.MessageID
}

// localizer returns the localizer for lang, falling back to English.
func (b *Bundle) localizer(lang string) *i18n.Localizer {
	if l, ok := b.localizers[bundleLang(lang)]; ok {
		return l
	}
	return b.localizers[English]
}

// bundleLang returns the canonical code of lang among the bundle's languages, or ""
// if unknown: a language Sportello speaks with people (aliases accepted, as in
// Normalize), or Italian ("it", "it-IT"), which only the console speaks.
func bundleLang(lang string) string {
	if c := canonical(lang); c != "" {
		return c
	}
	t := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(lang)), "_", "-")
	if i := strings.IndexByte(t, '-'); i > 0 {
		t = t[:i]
	}
	if t == Italian || t == "ita" {
		return Italian
	}
	return ""
}

// Has reports whether message id is translated in lang's own files (no English fallback).
func (b *Bundle) Has(lang, id string) bool {
	return b.present[bundleLang(lang)][id]
}

// IDs returns the sorted IDs of every message, the people's and the console's, taken
// from the English source files.
func (b *Bundle) IDs() []string {
	return slices.Clone(b.ids)
}
