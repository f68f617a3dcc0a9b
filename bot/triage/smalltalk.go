package triage

import (
	"sort"
	"strings"
)

// maxSmalltalkWords is the longest message that can still be only a greeting or thanks.
const maxSmalltalkWords = 14

// phrase is a greeting, thanks or filler phrase as normalised tokens.
type phrase struct {
	toks []string
	kind phraseKind
}

// phraseTable indexes phrases by their first token, longest first. Smalltalk is the
// same in every language (people greet with "salam" or "ciao" whatever they write).
type phraseTable map[string][]phrase

func buildPhrases(specs []langSpec) phraseTable {
	t := phraseTable{}
	add := func(list []string, k phraseKind) {
		for _, s := range list {
			toks := strings.Fields(normalize(s).norm)
			if len(toks) > 0 {
				t[toks[0]] = append(t[toks[0]], phrase{toks: toks, kind: k})
			}
		}
	}
	for _, sp := range specs {
		add(sp.greet, pGreet)
		add(sp.thanks, pThanks)
		add(sp.filler, pFiller)
	}
	for k := range t {
		ps := t[k]
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].toks) > len(ps[j].toks) })
	}
	return t
}

// kind returns Greeting or Thanks when the whole message is made of smalltalk
// phrases (thanks wins over a greeting: "salam, thank you" closes the exchange).
func (t phraseTable) kind(tx text) Kind {
	toks := strings.Fields(tx.norm)
	if len(toks) == 0 || len(toks) > maxSmalltalkWords {
		return ""
	}
	greet, thanks := false, false
	for i := 0; i < len(toks); {
		n := 0
		for _, p := range t[toks[i]] {
			if i+len(p.toks) <= len(toks) && equalTokens(toks[i:i+len(p.toks)], p.toks) {
				n = len(p.toks)
				greet = greet || p.kind == pGreet
				thanks = thanks || p.kind == pThanks
				break
			}
		}
		if n == 0 {
			return ""
		}
		i += n
	}
	switch {
	case thanks:
		return Thanks
	case greet:
		return Greeting
	}
	return ""
}

func equalTokens(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
