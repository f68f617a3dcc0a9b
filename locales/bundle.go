package locales

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed active.*.toml
var messageFiles embed.FS

// i18nTags maps each canonical code to the go-i18n language tag its file is loaded
// under. Dari uses "fa": go-i18n has CLDR plural rules for fa but rejects "prs".
var i18nTags = map[string]string{
	English:   "en",
	French:    "fr",
	Dari:      "fa",
	Pashto:    "ps",
	Arabic:    "ar",
	Ukrainian: "uk",
}

// Bundle holds Sportello's messages in every supported language. It is built once
// at start-up, never changes afterwards, and is safe for concurrent use.
type Bundle struct {
	localizers map[string]*i18n.Localizer // canonical code → localizer for exactly that language
	present    map[string]map[string]bool // canonical code → IDs with a non-empty text in its own file
	ids        []string                   // sorted IDs of the English file
}

// New loads the embedded message files. It fails if a file is missing or malformed,
// so a broken translation stops the program at start-up rather than mid-conversation.
func New() (*Bundle, error) {
	return newBundle(messageFiles)
}

// newBundle loads active.<tag>.toml for every supported language from fsys.
func newBundle(fsys fs.FS) (*Bundle, error) {
	ib := i18n.NewBundle(language.English)
	ib.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	b := &Bundle{
		localizers: make(map[string]*i18n.Localizer, len(Supported)),
		present:    make(map[string]map[string]bool, len(Supported)),
	}
	for _, lang := range Supported {
		path := "active." + i18nTags[lang] + ".toml"
		mf, err := ib.LoadMessageFileFS(fsys, path)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", path, err)
		}
		b.present[lang] = messageIDs(mf.Messages)
	}
	for _, lang := range Supported {
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
		return errors.New("active.en.toml has no messages")
	}
	for _, lang := range Supported {
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
// without crashing. An unknown lang is treated as English.
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
	if l, ok := b.localizers[canonical(lang)]; ok {
		return l
	}
	return b.localizers[English]
}

// Has reports whether message id is translated in lang's own file (no English fallback).
func (b *Bundle) Has(lang, id string) bool {
	return b.present[canonical(lang)][id]
}

// IDs returns the sorted IDs of every message, taken from the English source file.
func (b *Bundle) IDs() []string {
	return slices.Clone(b.ids)
}
