package search

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"sportello/bot"
)

func TestSearchFindsTopic(t *testing.T) {
	ix := mustOpen(t, mustLoadCorpus(t))
	tests := []struct {
		name, lang, q, want string
	}{
		{"en typos", "en", "appointmnet at the questura to ask asylum", "asylum-application"},
		{"en typos health", "en", "helth card docter", "health-card"},
		{"en italian words", "en", "renew permesso di sogiorno", "residence-permit-renewal"},
		{"en digits", "en", "118", "emergency-numbers"},
		{"fr no accents", "fr", "medecin de famille", "health-card"},
		{"fr accents", "fr", "médecin de famille", "health-card"},
		{"fr sejour", "fr", "renouvellement titre de sejour", "residence-permit-renewal"},
		{"fr italian words", "fr", "tessera sanitaria", "health-card"},
		{"fa arabic keyboard finds persian keyboard doc", "fa", "كارت صحي", "health-card"},
		{"fa persian keyboard finds arabic keyboard doc", "fa", "نمبرهای عاجل پولیس", "emergency-numbers"},
		{"fa eastern digits", "fa", "۱۱۸", "emergency-numbers"},
		{"fa italian words", "fa", "codice fiscale", "codice-fiscale"},
		{"fa transliterated questura", "fa", "کوستورا پناهندگی", "asylum-application"},
		{"ps pashto letters", "ps", "ډاکټر", "health-card"},
		{"ps persian keyboard gaf", "ps", "گوتو نښې", "asylum-application"},
		{"ps eastern digits", "ps", "۱۱۲", "emergency-numbers"},
		{"ps italian words", "ps", "tessera sanitaria", "health-card"},
		{"ar health card", "ar", "البطاقه الصحيه", "health-card"},
		{"ar arabic indic digits", "ar", "١١٨", "emergency-numbers"},
		{"ar transliterated codice fiscale", "ar", "كوديتشي فيسكالي", "codice-fiscale"},
		{"ar italian words", "ar", "questura C3", "asylum-application"},
		{"uk hospital", "uk", "лікарня", "health-card"},
		{"uk hospital accusative", "uk", "лікарню", "health-card"},
		{"uk doctor instrumental", "uk", "лікарем", "health-card"},
		{"uk transliterated questura", "uk", "квестура притулок", "asylum-application"},
		{"uk italian words", "uk", "codice fiscale", "codice-fiscale"},
		{"uk latin i", "uk", "курси iталiйської", "italian-courses"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := ix.Search(t.Context(), tc.lang, tc.q, 3)
			if err != nil {
				t.Fatalf("Search: %v", err)
			}
			if len(res.Hits) == 0 || res.Hits[0].Slug != tc.want || res.Hits[0].Lang != tc.lang {
				t.Fatalf("Search(%s, %q) = %+v, want top %s/%s", tc.lang, tc.q, res.Hits, tc.want, tc.lang)
			}
		})
	}
}

func TestSearchExactBeatsTypo(t *testing.T) {
	ix := mustOpen(t, mustLoadCorpus(t))
	score := func(q string) float64 {
		res, err := ix.Search(t.Context(), "en", q, 5)
		if err != nil {
			t.Fatalf("Search: %v", err)
		}
		for _, h := range res.Hits {
			if h.Slug == "asylum-application" {
				return h.Score
			}
		}
		t.Fatalf("Search(%q) = %+v, want asylum-application among hits", q, res.Hits)
		return 0
	}
	if exact, typo := score("passport fingerprints"), score("pasport fingerprnts"); exact <= typo {
		t.Fatalf("score(exact) = %v <= score(typo) = %v", exact, typo)
	}
}

func TestSearchEnglishFallback(t *testing.T) {
	arts := mustLoadCorpus(t)
	ix := mustOpen(t, arts)
	for _, lang := range []string{"fr", "fa", "ps", "ar", "uk"} {
		res, err := ix.Search(t.Context(), lang, "conto di base IBAN", 3)
		if err != nil {
			t.Fatalf("Search: %v", err)
		}
		if len(res.Hits) == 0 || res.Hits[0] != (bot.Hit{Slug: "bank-account", Lang: "en", Score: res.Hits[0].Score}) {
			t.Errorf("Search(%s) = %+v, want bank-account/en first", lang, res.Hits)
		}
		// Translated topics never come back in English.
		res, err = ix.Search(t.Context(), lang, "codice fiscale tessera sanitaria questura", 10)
		if err != nil {
			t.Fatalf("Search: %v", err)
		}
		for _, h := range res.Hits {
			if h.Lang != lang && h.Slug != "bank-account" {
				t.Errorf("Search(%s) hit %+v, want only %s articles or the fallback", lang, h, lang)
			}
		}
	}
	// Once translated, the fallback disappears.
	fr := *arts[0]
	fr.Slug, fr.Lang, fr.Title, fr.Keywords = "bank-account", "fr", "Ouvrir un compte bancaire", []string{"conto di base", "IBAN"}
	ix2 := mustOpen(t, append(arts, &fr))
	res, err := ix2.Search(t.Context(), "fr", "conto di base IBAN", 3)
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	if len(res.Hits) == 0 || res.Hits[0].Lang != "fr" || res.Hits[0].Slug != "bank-account" {
		t.Fatalf("Search(fr) = %+v, want bank-account/fr", res.Hits)
	}
}

func TestSearchInput(t *testing.T) {
	ix := mustOpen(t, mustLoadCorpus(t))
	ctx := t.Context()
	for _, q := range []string{"", "   \n\t ", "\u200c\u200f"} {
		res, err := ix.Search(ctx, "fa", q, 5)
		if err != nil || len(res.Hits) != 0 || res.Confidence != 0 {
			t.Errorf("Search(%q) = %+v, %v; want empty, nil", q, res, err)
		}
	}
	if _, err := ix.Search(ctx, "de", "hallo", 5); !errors.Is(err, ErrUnsupportedLang) {
		t.Errorf("Search(de) error = %v, want ErrUnsupportedLang", err)
	}
	long := strings.Repeat("questura permesso عاجل лікарня appointmnet xyzzy ", 200)[:10000]
	start := time.Now()
	res, err := ix.Search(ctx, "uk", long, 5)
	if err != nil || len(res.Hits) == 0 {
		t.Errorf("Search(10,000 chars) = %+v, %v; want hits", res, err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Search(10,000 chars) took %v", d)
	}
	if _, err := ix.Search(ctx, "en", "\xff\xfe questura \xc3", 5); err != nil {
		t.Errorf("Search(invalid UTF-8): %v", err)
	}
	res, err = ix.Search(ctx, "en", "questura permesso codice fiscale tessera sanitaria C3 ricevuta", 2)
	if err != nil || len(res.Hits) != 2 || res.Hits[0].Slug == res.Hits[1].Slug {
		t.Errorf("Search(limit 2) = %+v, %v; want two distinct slugs", res.Hits, err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := ix.Search(cancelled, "en", "questura", 5); !errors.Is(err, context.Canceled) {
		t.Errorf("Search(cancelled) error = %v, want context.Canceled", err)
	}
}

func TestConfidence(t *testing.T) {
	ix := mustOpen(t, mustLoadCorpus(t))
	tests := []struct {
		lang, onTopic, offTopic string
	}{
		{"en", "how do i get the tessera sanitaria and a family doctor", "who won the juventus match in berlin"},
		{"fr", "comment renouveler mon titre de sejour a la poste", "resultats du match de la juventus a berlin"},
		{"fa", "کارت صحی و داکتر فامیلی از کجا بگیرم", "نتیجه مسابقه یوونتوس در برلین"},
		{"ps", "د روغتیا کارت او د کورنۍ ډاکټر", "په برلین کې د یوونتوس لوبه"},
		{"ar", "كيف احصل على البطاقة الصحية وطبيب العائلة", "نتيجة مباراة يوفنتوس في برلين"},
		{"uk", "як отримати медичну картку і сімейного лікаря", "результат матчу Ювентус у Берліні"},
	}
	for _, tc := range tests {
		t.Run(tc.lang, func(t *testing.T) {
			on, err := ix.Search(t.Context(), tc.lang, tc.onTopic, 3)
			if err != nil {
				t.Fatal(err)
			}
			off, err := ix.Search(t.Context(), tc.lang, tc.offTopic, 3)
			if err != nil {
				t.Fatal(err)
			}
			if on.Confidence < DefaultThreshold || on.Confidence > 1 {
				t.Errorf("on-topic %q confidence %.2f, want >= %.2f", tc.onTopic, on.Confidence, DefaultThreshold)
			}
			if off.Confidence >= DefaultThreshold || off.Confidence < 0 {
				t.Errorf("off-topic %q confidence %.2f, want < %.2f", tc.offTopic, off.Confidence, DefaultThreshold)
			}
		})
	}
}

func TestSearchConcurrent(t *testing.T) {
	ix := mustOpen(t, mustLoadCorpus(t))
	cases := mustLoadCalibration(t)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := g; i < len(cases); i += 8 {
				if _, err := ix.Search(t.Context(), cases[i].Lang, cases[i].Q, 3); err != nil {
					t.Errorf("Search: %v", err)
				}
			}
		})
	}
	wg.Wait()
}
