package triage

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// pattern is one compiled pattern with its vetoes.
type pattern struct {
	re                    *regexp.Regexp
	before, after, inside *regexp.Regexp // nil when unused
	id                    int
	free                  bool // no required literal: always evaluated
	dest                  bool // reads the text with destinations tagged
}

// crule is a compiled rule.
type crule struct {
	out  outcome
	tier tier
	need marker
	pats []*pattern
}

// clang is the compiled table of one language.
type clang struct {
	code    string
	rules   []crule // sorted by outcome: the first that fires is the preferred one
	markers [numMarkers][]*pattern
}

// engine is every compiled table. It is immutable after build.
type engine struct {
	langs   []clang
	byCode  map[string]int
	pats    []*pattern
	free    []int // ids of patterns without a required literal
	ac      *automaton
	phrases phraseTable
	dests   *destIndex
}

// builder compiles patterns, sharing identical ones.
type builder struct {
	pats   []*pattern
	byKey  map[string]*pattern
	srcs   []string // wrapped source of each pattern, for literal analysis
	shared map[string]string
}

var macroName = regexp.MustCompile(`\{[A-Z]+\}`)

// expand replaces macros and the gap and word-ending shorthands.
func expand(src string, macros, shared map[string]string) (string, error) {
	var err error
	for i := 0; i < 4 && strings.Contains(src, "{"); i++ {
		src = macroName.ReplaceAllStringFunc(src, func(m string) string {
			name := m[1 : len(m)-1]
			if v, ok := macros[name]; ok {
				return "(?:" + v + ")"
			}
			if v, ok := shared[name]; ok {
				return "(?:" + v + ")"
			}
			err = fmt.Errorf("unknown macro %s", m)
			return m
		})
	}
	src = strings.ReplaceAll(src, " ~~ ", `(?: \S+){0,8} `)
	src = strings.ReplaceAll(src, " ~ ", `(?: \S+){0,3} `)
	src = strings.ReplaceAll(src, "%", `\S*`)
	return foldFinalAlif(foldPattern(src)), err
}

// wrap makes a pattern match whole words of a normalised message, the first one
// possibly with the language's clitic glued to it.
func wrap(src, clitic string) string {
	pre, post := " "+clitic, " "
	if strings.HasPrefix(src, "^") {
		src, pre = src[1:], "^ "+clitic
	}
	if strings.HasSuffix(src, "$") && !strings.HasSuffix(src, `\$`) {
		src, post = src[:len(src)-1], " $"
	}
	return pre + "(?:" + src + ")" + post
}

func (b *builder) compile(sp *langSpec, src, before, after, inside string) (*pattern, error) {
	macros := sp.macros
	full, err := expand(src, macros, b.shared)
	if err != nil {
		return nil, fmt.Errorf("%q: %w", src, err)
	}
	full = wrap(full, sp.clitic)
	var vetoes [3]string
	for i, v := range [3]string{before, after, inside} {
		if v == "" {
			continue
		}
		if vetoes[i], err = expand(v, macros, b.shared); err != nil {
			return nil, fmt.Errorf("%q: %w", v, err)
		}
	}
	if vetoes[0] != "" {
		vetoes[0] = `(?:^| )(?:` + vetoes[0] + `) $`
	}
	if vetoes[1] != "" {
		vetoes[1] = `^ (?:` + vetoes[1] + `) `
	}
	if vetoes[2] != "" {
		vetoes[2] = ` (?:` + vetoes[2] + `) `
	}
	key := strings.Join([]string{full, vetoes[0], vetoes[1], vetoes[2], fmt.Sprint(strings.Contains(src, "{D}"))}, "\x00")
	if p, ok := b.byKey[key]; ok {
		return p, nil
	}
	p := &pattern{id: len(b.pats), dest: strings.Contains(src, "{D}")}
	if p.re, err = regexp.Compile(full); err != nil {
		return nil, fmt.Errorf("%q: %w", src, err)
	}
	for i, dst := range []**regexp.Regexp{&p.before, &p.after, &p.inside} {
		if vetoes[i] == "" {
			continue
		}
		if *dst, err = regexp.Compile(vetoes[i]); err != nil {
			return nil, fmt.Errorf("veto of %q: %w", src, err)
		}
	}
	b.byKey[key] = p
	b.pats = append(b.pats, p)
	b.srcs = append(b.srcs, full)
	return p, nil
}

// build compiles the language tables. Markers of English and Italian are added to
// every language, since both are mixed into messages in all of them.
func build(specs []langSpec) (*engine, error) {
	b := &builder{byKey: map[string]*pattern{}, shared: sharedMacros()}
	e := &engine{byCode: map[string]int{}, dests: newDestIndex()}
	own := make([][numMarkers][]*pattern, len(specs))
	for i, sp := range specs {
		for m, srcs := range sp.markers {
			for _, src := range srcs {
				p, err := b.compile(&specs[i], src, "", "", "")
				if err != nil {
					return nil, fmt.Errorf("%s marker %d: %w", sp.code, m, err)
				}
				own[i][m] = append(own[i][m], p)
			}
		}
	}
	lingua := []int{}
	for i, sp := range specs {
		if sp.code == "en" || sp.code == "it" {
			lingua = append(lingua, i)
		}
	}
	for i, sp := range specs {
		l := clang{code: sp.code}
		for m := marker(0); m < numMarkers; m++ {
			l.markers[m] = append(l.markers[m], own[i][m]...)
			for _, j := range lingua {
				if j != i {
					l.markers[m] = append(l.markers[m], own[j][m]...)
				}
			}
		}
		for _, r := range sp.rules {
			cr := crule{out: r.out, tier: r.tier, need: r.need}
			for _, src := range r.pats {
				p, err := b.compile(&specs[i], src, r.before, r.after, r.inside)
				if err != nil {
					return nil, fmt.Errorf("%s rule: %w", sp.code, err)
				}
				cr.pats = append(cr.pats, p)
			}
			l.rules = append(l.rules, cr)
		}
		sort.SliceStable(l.rules, func(a, c int) bool { return l.rules[a].out < l.rules[c].out })
		e.byCode[sp.code] = len(e.langs)
		e.langs = append(e.langs, l)
	}
	e.pats = b.pats
	var lits []string
	var owners []int
	for i, src := range b.srcs {
		req, err := required(src)
		if err != nil {
			return nil, err
		}
		if req == nil {
			b.pats[i].free = true
			e.free = append(e.free, i)
			continue
		}
		for _, l := range req {
			lits = append(lits, l)
			owners = append(owners, i)
		}
	}
	e.ac = newAutomaton(lits, owners)
	e.phrases = buildPhrases(specs)
	return e, nil
}

func mustBuild(specs []langSpec) *engine {
	e, err := build(specs)
	if err != nil {
		panic("triage: " + err.Error())
	}
	return e
}

// scan is the state of one Classify call.
type scan struct {
	e      *engine
	s      string
	tagged string // s with destinations replaced by destTag
	filter bool
	cand   []uint64            // patterns whose required literal occurs
	memo   []uint8             // per pattern: 0 unknown, 1 match, 2 no match
	marks  [][numMarkers]uint8 // per language and marker: same encoding
}

func (e *engine) newScan(s string, filter bool) *scan {
	sc := &scan{e: e, s: s, tagged: e.dests.tag(s), filter: filter, memo: make([]uint8, len(e.pats)),
		marks: make([][numMarkers]uint8, len(e.langs))}
	if filter {
		sc.cand = make([]uint64, (len(e.pats)+63)/64)
		e.ac.scan(s, sc.cand)
		if sc.tagged != s {
			e.ac.scan(sc.tagged, sc.cand)
		}
	}
	return sc
}

func (s *scan) match(p *pattern) bool {
	if s.filter && !p.free && s.cand[p.id>>6]&(1<<(p.id&63)) == 0 {
		return false
	}
	switch s.memo[p.id] {
	case 1:
		return true
	case 2:
		return false
	}
	ok := s.eval(p)
	s.memo[p.id] = 2
	if ok {
		s.memo[p.id] = 1
	}
	return ok
}

func (s *scan) eval(p *pattern) bool {
	txt := s.s
	if p.dest {
		txt = s.tagged
	}
	if p.before == nil && p.after == nil && p.inside == nil {
		return p.re.MatchString(txt)
	}
	for _, loc := range p.re.FindAllStringIndex(txt, -1) {
		if p.before != nil && p.before.MatchString(txt[:loc[0]+1]) {
			continue
		}
		if p.after != nil && p.after.MatchString(txt[loc[1]-1:]) {
			continue
		}
		if p.inside != nil && p.inside.MatchString(txt[loc[0]:loc[1]]) {
			continue
		}
		return true
	}
	return false
}

func (s *scan) marker(li int, m marker) bool {
	switch s.marks[li][m] {
	case 1:
		return true
	case 2:
		return false
	}
	ok := false
	for _, p := range s.e.langs[li].markers[m] {
		if s.match(p) {
			ok = true
			break
		}
	}
	s.marks[li][m] = 2
	if ok {
		s.marks[li][m] = 1
	}
	return ok
}

// fires reports whether rule r of language li concludes for this message: one of
// its patterns matches, its needed marker is present, and its tier's demand for
// immediacy is met.
func (s *scan) fires(li int, r *crule) bool {
	hit := false
	for _, p := range r.pats {
		if s.match(p) {
			hit = true
			break
		}
	}
	if !hit || !s.has(li, r.need) {
		return false
	}
	now := s.marker(li, mNowStrong) || s.marker(li, mNowWeak)
	switch r.tier {
	case present:
		return now || !s.calm(li)
	case ongoing:
		return now || !s.marker(li, mPast)
	case needNow:
		return s.marker(li, mNowStrong) || (now && !s.calm(li))
	}
	return true
}

// has reports whether the message shows marker m (noMarker: always). A rule that
// needs a weak sign of immediacy is also satisfied by a strong one.
func (s *scan) has(li int, m marker) bool {
	switch m {
	case noMarker:
		return true
	case mNowWeak:
		return s.marker(li, mNowWeak) || s.marker(li, mNowStrong)
	}
	return s.marker(li, m)
}

// calm reports whether the message reads as a past account or a legal question.
func (s *scan) calm(li int) bool { return s.marker(li, mPast) || s.marker(li, mCalm) }

// bestIn returns the preferred outcome that fires in language li, urgent or not.
func (s *scan) bestIn(li int, urgent bool) outcome {
	rules := s.e.langs[li].rules
	for k := range rules {
		r := &rules[k]
		if r.out.urgent() == urgent && s.fires(li, r) {
			return r.out
		}
	}
	return outNone
}

// decide looks in the message's own language first; failing that, it takes the
// preferred outcome over all other languages.
func (s *scan) decide(first int, urgent bool) outcome {
	if first >= 0 {
		if o := s.bestIn(first, urgent); o != outNone {
			return o
		}
	}
	best := outNone
	for li := range s.e.langs {
		if li == first {
			continue
		}
		if o := s.bestIn(li, urgent); o != outNone && (best == outNone || o < best) {
			best = o
		}
	}
	return best
}

func (e *engine) classify(lang, raw string, filter bool) Result {
	t := normalize(raw)
	if !t.letters {
		switch {
		case t.thanksEmoji:
			return Result{Smalltalk: Thanks}
		case t.greetEmoji && !t.digits:
			return Result{Smalltalk: Greeting}
		}
		return Result{Smalltalk: Gibberish}
	}
	first, ok := e.byCode[lang]
	if !ok {
		first = -1
	}
	sc := e.newScan(t.norm, filter)
	var r Result
	if o := sc.decide(first, true); o != outNone {
		r.Urgent = o.category()
	}
	r.Escalate = sc.decide(first, false).reason()
	if r.Urgent == "" && r.Escalate == "" {
		r.Smalltalk = e.phrases.kind(t)
	}
	return r
}
