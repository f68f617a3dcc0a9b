package searchtest

import (
	"fmt"
	"math/rand/v2"

	"sportello/content"
)

// Articles returns n topics in each of the six languages: 6n articles, sorted by slug
// and then language, the same for the same n.
//
// An article has a title of three to six words, five keywords, a summary of 25 to 35
// words and a body of 80 to 120 words in two paragraphs. Its title and keywords are
// words of the topic; its summary and body follow the frequencies of the language,
// stop words included. Each topic also has a name of its own, a compound of two words
// that other topics almost never share, in its title, keywords and body, as
// "cedolino" or "C3" are in the starter knowledge base. An article's texts share one string: 60,000 articles
// take about 90 MB.
func Articles(n int) []*content.Article {
	g := newGenerator(1, 2)
	arts := make([]*content.Article, 0, n*len(Languages))
	for i := range n {
		slug := fmt.Sprintf("topic-%05d", i)
		category := content.Categories[i%len(content.Categories)]
		for _, lang := range Languages {
			arts = append(arts, g.article(slug, lang, category))
		}
	}
	return arts
}

// generator draws words for articles from the vocabularies, deterministically.
type generator struct {
	rng  *rand.Rand
	zipf map[string]*rand.Zipf
	buf  []byte // the article being written, reused
}

// newGenerator returns a generator whose words are fixed by the two seeds.
func newGenerator(seed1, seed2 uint64) *generator {
	rng := rand.New(rand.NewPCG(seed1, seed2))
	g := &generator{rng: rng, zipf: map[string]*rand.Zipf{}}
	for _, lang := range Languages {
		g.zipf[lang] = rand.NewZipf(rng, 1.1, 2, uint64(len(Vocabulary(lang))-1))
	}
	return g
}

// span is where one part of an article sits in its text.
type span struct{ start, end int }

// article writes one article. Its parts are written one after another into g.buf and
// then sliced out of a single string, so the article costs one allocation for its text.
func (g *generator) article(slug, lang, category string) *content.Article {
	v := Vocabulary(lang)
	g.buf = g.buf[:0]
	name := v[g.rng.IntN(len(v))] + v[g.rng.IntN(len(v))]

	title := g.write(func() { g.topical(v, 2+g.rng.IntN(4)); g.word(name) })
	keywords := [5]span{
		g.write(func() { g.topical(v, 1) }),
		g.write(func() { g.topical(v, 2) }),
		g.write(func() { g.topical(v, 1) }),
		g.write(func() { g.word(name) }),
		g.write(func() { g.topical(v, 2) }),
	}
	summary := g.write(func() { g.common(lang, 25+g.rng.IntN(11)) })
	body := g.write(func() {
		g.common(lang, 40)
		g.buf = append(g.buf, ".\n\n"...)
		g.word(name)
		g.common(lang, 39+g.rng.IntN(41))
	})

	text := string(g.buf)
	part := func(s span) string { return text[s.start:s.end] }
	a := &content.Article{
		Slug:     slug,
		Lang:     lang,
		Title:    part(title),
		Summary:  part(summary),
		Category: category,
		Body:     part(body),
		Keywords: make([]string, len(keywords)),
	}
	for i, k := range keywords {
		a.Keywords[i] = part(k)
	}
	return a
}

// write runs fill, which appends to g.buf, and returns where its text went. Parts are
// separated by a newline.
func (g *generator) write(fill func()) span {
	if len(g.buf) > 0 {
		g.buf = append(g.buf, '\n')
	}
	start := len(g.buf)
	fill()
	return span{start, len(g.buf)}
}

// word appends w, after a space unless it starts a part or a paragraph.
func (g *generator) word(w string) {
	if n := len(g.buf); n > 0 && g.buf[n-1] != '\n' {
		g.buf = append(g.buf, ' ')
	}
	g.buf = append(g.buf, w...)
}

// topical appends k words drawn evenly from the vocabulary, which is mostly rarer words:
// what titles and keywords are made of.
func (g *generator) topical(v []string, k int) {
	for range k {
		g.word(v[g.rng.IntN(len(v))])
	}
}

// common appends k words drawn with the language's own frequencies, as running text.
func (g *generator) common(lang string, k int) {
	v, z := Vocabulary(lang), g.zipf[lang]
	for range k {
		g.word(v[z.Uint64()])
	}
}
