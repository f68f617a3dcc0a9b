package triage

import (
	"regexp/syntax"
	"sort"
)

// The prefilter keeps Classify fast with well over a thousand patterns: each pattern
// gets a set of literal strings one of which any match must contain, one
// Aho-Corasick pass over the message finds which of those literals occur, and only
// the patterns with a literal present run their regular expression.

// maxLits bounds the sets of strings the analysis enumerates.
const maxLits = 256

// maxLitLen is the longest literal the automaton needs: a prefix of a required
// literal is itself required, and a dozen bytes are selective enough.
const maxLitLen = 12

// lits describes what a regular expression node can match.
type lits struct {
	exact  []string // non-nil: every match is one of these strings
	prefix []string // non-nil: every match starts with one of these strings
	req    []string // non-nil: every match contains one of these strings
}

// best is the most useful requirement of l, or nil when it has none.
func (l lits) best() []string {
	set := l.req
	if l.exact != nil {
		set = l.exact
	} else if score(l.prefix) > score(set) {
		set = l.prefix
	}
	for _, s := range set {
		if s == "" {
			return nil
		}
	}
	return set
}

// score ranks requirement sets: longer shortest literal first.
func score(set []string) int {
	if set == nil {
		return -1
	}
	min := -1
	for _, s := range set {
		if min < 0 || len(s) < min {
			min = len(s)
		}
	}
	return min
}

func dedupe(in []string) []string {
	seen := make(map[string]bool, len(in))
	out := in[:0:0]
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func cross(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return dedupe(out)
}

func withEmpty(set []string) []string {
	if set == nil || len(set) >= maxLits {
		return []string{""}
	}
	return dedupe(append(append([]string{}, set...), ""))
}

func exactLits(set []string) lits { return lits{exact: set, prefix: set} }

func analyze(re *syntax.Regexp) lits {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return lits{}
		}
		return exactLits([]string{string(re.Rune)})
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if len(out)+int(re.Rune[i+1]-re.Rune[i]) >= 16 {
				return lits{prefix: []string{""}}
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, string(r))
			}
		}
		return exactLits(out)
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return exactLits([]string{""})
	case syntax.OpCapture:
		return analyze(re.Sub[0])
	case syntax.OpQuest:
		c := analyze(re.Sub[0])
		if c.exact != nil && len(c.exact) < maxLits {
			return exactLits(withEmpty(c.exact))
		}
		return lits{prefix: withEmpty(c.prefix)}
	case syntax.OpPlus:
		c := analyze(re.Sub[0])
		return lits{req: c.best(), prefix: c.prefix}
	case syntax.OpRepeat:
		if re.Min >= 1 {
			c := analyze(re.Sub[0])
			return lits{req: c.best(), prefix: c.prefix}
		}
	case syntax.OpConcat:
		return analyzeConcat(re.Sub)
	case syntax.OpAlternate:
		return analyzeAlternate(re.Sub)
	}
	return lits{prefix: []string{""}}
}

func analyzeAlternate(subs []*syntax.Regexp) lits {
	all := make([]lits, len(subs))
	exact, prefix := true, true
	n, np := 0, 0
	for i, s := range subs {
		all[i] = analyze(s)
		exact = exact && all[i].exact != nil
		prefix = prefix && all[i].prefix != nil
		n += len(all[i].exact)
		np += len(all[i].prefix)
	}
	var out lits
	if prefix && np <= maxLits {
		for _, s := range all {
			out.prefix = append(out.prefix, s.prefix...)
		}
		out.prefix = dedupe(out.prefix)
	}
	if exact && n <= maxLits {
		out.exact = out.prefix
		return out
	}
	for _, s := range all {
		b := s.best()
		if b == nil {
			return lits{prefix: out.prefix}
		}
		out.req = append(out.req, b...)
	}
	out.req = dedupe(out.req)
	return out
}

// analyzeConcat extends exact strings across the parts of a concatenation while the
// sets stay small, and otherwise keeps the best requirement of any part. Where an
// exact run meets a part that is not exact, the run is extended by that part's
// possible prefixes.
func analyzeConcat(subs []*syntax.Regexp) lits {
	cur := []string{""}
	var cands [][]string
	exact := true
	var prefix []string // the concatenation's prefixes, once known
	for _, sub := range subs {
		c := analyze(sub)
		if c.exact != nil && len(cur)*len(c.exact) <= maxLits {
			cur = cross(cur, c.exact)
			continue
		}
		if exact {
			prefix = cur
			if c.prefix != nil && len(cur)*len(c.prefix) <= maxLits {
				prefix = cross(cur, c.prefix)
			}
		}
		exact = false
		if c.prefix != nil && len(cur)*len(c.prefix) <= maxLits {
			cands = append(cands, cross(cur, c.prefix))
		} else {
			cands = append(cands, cur)
		}
		if c.exact != nil {
			cur = c.exact
		} else {
			cands = append(cands, c.req)
			cur = []string{""}
		}
	}
	if exact {
		return exactLits(cur)
	}
	cands = append(cands, cur)
	var best []string
	for _, c := range cands {
		c = lits{req: c}.best()
		if score(c) > score(best) || (score(c) == score(best) && len(c) < len(best)) {
			best = c
		}
	}
	return lits{req: best, prefix: prefix}
}

// required returns literals one of which every match of the regular expression src
// contains, or nil when there is no useful set.
func required(src string) ([]string, error) {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return nil, err
	}
	set := analyze(re.Simplify()).best()
	if score(set) < 2 {
		return nil, nil
	}
	for i, l := range set {
		if len(l) > maxLitLen {
			set[i] = l[:maxLitLen]
		}
	}
	return dedupe(set), nil
}

// automaton is an Aho-Corasick automaton over bytes. Each state lists the patterns
// one of whose literals ends there; dict links to the nearest state on its failure
// chain that lists some.
type automaton struct {
	root     [256]int32 // transitions out of the root; 0 means stay
	edgeFrom []int32    // state i's edges are edgeKey/edgeTo[edgeFrom[i]:edgeFrom[i+1]]
	edgeKey  []byte
	edgeTo   []int32
	fail     []int32
	dict     []int32 // -1: none
	outFrom  []int32 // state i's patterns are outs[outFrom[i]:outFrom[i+1]]
	outs     []int32
}

func newAutomaton(lits []string, owners []int) *automaton {
	type node struct {
		keys []byte
		kids []int32
		out  []int32
	}
	nodes := []node{{}}
	edges := map[uint64]int32{} // state<<8 | byte → next state
	for i, l := range lits {
		s := int32(0)
		for j := 0; j < len(l); j++ {
			k := uint64(s)<<8 | uint64(l[j])
			nx, ok := edges[k]
			if !ok {
				nx = int32(len(nodes))
				nodes = append(nodes, node{})
				edges[k] = nx
				nodes[s].keys = append(nodes[s].keys, l[j])
				nodes[s].kids = append(nodes[s].kids, nx)
			}
			s = nx
		}
		nodes[s].out = append(nodes[s].out, int32(owners[i]))
	}
	a := &automaton{fail: make([]int32, len(nodes)), dict: make([]int32, len(nodes))}
	a.dict[0] = -1
	// Breadth-first order, so a state's failure target is finished before it.
	order := make([]int32, 1, len(nodes))
	for q := 0; q < len(order); q++ {
		s := order[q]
		for i, c := range nodes[s].kids {
			b := nodes[s].keys[i]
			order = append(order, c)
			if s != 0 {
				for f := a.fail[s]; ; f = a.fail[f] {
					if nx, ok := edges[uint64(f)<<8|uint64(b)]; ok {
						a.fail[c] = nx
						break
					}
					if f == 0 {
						break
					}
				}
			}
			if f := a.fail[c]; len(nodes[f].out) > 0 {
				a.dict[c] = f
			} else {
				a.dict[c] = a.dict[f]
			}
		}
	}
	a.edgeFrom = make([]int32, len(nodes)+1)
	a.outFrom = make([]int32, len(nodes)+1)
	for s := range nodes {
		a.edgeFrom[s] = int32(len(a.edgeKey))
		idx := make([]int, len(nodes[s].keys))
		for i := range idx {
			idx[i] = i
		}
		sort.Slice(idx, func(i, j int) bool { return nodes[s].keys[idx[i]] < nodes[s].keys[idx[j]] })
		for _, i := range idx {
			a.edgeKey = append(a.edgeKey, nodes[s].keys[i])
			a.edgeTo = append(a.edgeTo, nodes[s].kids[i])
			if s == 0 {
				a.root[nodes[s].keys[i]] = nodes[s].kids[i]
			}
		}
		a.outFrom[s] = int32(len(a.outs))
		a.outs = append(a.outs, dedupeIDs(nodes[s].out)...)
	}
	a.edgeFrom[len(nodes)] = int32(len(a.edgeKey))
	a.outFrom[len(nodes)] = int32(len(a.outs))
	return a
}

func dedupeIDs(in []int32) []int32 {
	sort.Slice(in, func(i, j int) bool { return in[i] < in[j] })
	out := in[:0]
	for i, v := range in {
		if i == 0 || v != in[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func (a *automaton) step(s int32, b byte) int32 {
	if s == 0 {
		return a.root[b]
	}
	for i := a.edgeFrom[s]; i < a.edgeFrom[s+1]; i++ {
		if a.edgeKey[i] == b {
			return a.edgeTo[i]
		}
	}
	return -1
}

// scan sets, in cand, the bit of every pattern one of whose literals occurs in s.
func (a *automaton) scan(s string, cand []uint64) {
	state := int32(0)
	for i := 0; i < len(s); i++ {
		b := s[i]
		for {
			nx := a.step(state, b)
			if nx >= 0 {
				state = nx
				break
			}
			state = a.fail[state]
		}
		for o := state; o > 0; o = a.dict[o] {
			for _, id := range a.outs[a.outFrom[o]:a.outFrom[o+1]] {
				cand[id>>6] |= 1 << (id & 63)
			}
		}
	}
}
