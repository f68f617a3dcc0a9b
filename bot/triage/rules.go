package triage

// This file defines how the pattern tables are written. Each language file
// (patterns_*.go) returns a langSpec.
//
// A pattern is a Go regular expression over the normalised message (see normalize)
// with a few conveniences:
//
//   - it matches whole words: it is wrapped in spaces, so "hit me" does not match
//     inside "white media"; write % for "any ending" ("beat%" = beat, beats, beaten);
//   - " ~ " between words allows up to 3 other words there, " ~~ " up to 8;
//   - {NAME} is replaced by a macro of the language or a shared one: {AGE} is an age
//     under 18, {D} a foreign destination (found by destIndex, in any script);
//   - a leading ^ or trailing $ anchors at the start or end of the message;
//   - letters are folded like messages, so patterns are written in natural spelling
//     (ي or ی, ك or ک, é or e); in Persian, a zero-width non-joiner (می‌زند) means
//     "joined or with a space".

// tier says how much immediacy a rule needs before it counts.
type tier uint8

const (
	// always: the words alone are enough (suicidal intent, a sinking boat).
	always tier = iota
	// present: counts unless the message reads as a past account or a legal
	// question (an mPast or mCalm marker) with no sign of immediacy at all.
	present
	// needNow: counts only with a strong sign of immediacy, or a weak one in a
	// message with neither a past nor a legal marker ("he hit me" + "now").
	needNow
	// ongoing: an explicitly progressive form ("he is hitting me", "عم يضربني"):
	// counts unless the message reads as a past account with no sign of immediacy;
	// a legal question alone does not cancel it.
	ongoing
)

// marker names a group of patterns that rules consult as context.
type marker uint8

const (
	mNowStrong  marker = iota // right now, at this moment, hurry, SOS, he is at the door
	mNowWeak                  // now, tonight, help me, urgent, again
	mPast                     // past or origin frame: yesterday, years ago, many times, in Libya
	mCalm                     // legal frame: permit, divorce, lawyer, asylum (with mPast: "calm")
	mChildRisk                // sleeping outside, at the station, nowhere to sleep, lost, hungry
	mAlone                    // alone, by myself, no family
	mHeld                     // cannot leave, locked, forced, threats: confinement context
	mThreat                   // threats against the person or the family
	mPregRisk                 // bleeding, contractions, waters broke
	mSeaCtx                   // boat, sea, dinghy
	mSeaTrouble               // no water, engine broken, sinking, position
	numMarkers
	noMarker marker = 255
)

// outcome is what a rule concludes. Rules are evaluated in outcome order, so the
// order here is the preference between categories.
type outcome uint8

const (
	outNone outcome = iota
	outSea
	outInjury
	outSuicide
	outTrafficking
	outViolence
	outChild
	outOtherCountry
	outPersonalCase
)

func (o outcome) urgent() bool { return o >= outSea && o <= outChild }

func (o outcome) category() Category {
	return [...]Category{outSea: Sea, outInjury: Injury, outSuicide: Suicide,
		outTrafficking: Trafficking, outViolence: Violence, outChild: Child}[o]
}

func (o outcome) reason() Reason {
	switch o {
	case outOtherCountry:
		return OtherCountry
	case outPersonalCase:
		return PersonalCase
	}
	return ""
}

func outcomeOf(c Category) outcome {
	switch c {
	case Sea:
		return outSea
	case Injury:
		return outInjury
	case Suicide:
		return outSuicide
	case Trafficking:
		return outTrafficking
	case Violence:
		return outViolence
	case Child:
		return outChild
	}
	return outNone
}

// rule is one line of a pattern table: if any of pats matches (and the vetoes,
// the needed marker and the tier allow it), the message gets out.
type rule struct {
	out    outcome
	tier   tier
	need   marker
	pats   []string
	before string // veto: a match does not count if the text just before it matches this
	after  string // veto: ... if the text just after it matches this
	inside string // veto: ... if the matched text itself contains this
}

// urgent makes an urgent rule.
func urgent(c Category, t tier, pats ...string) rule {
	return rule{out: outcomeOf(c), tier: t, need: noMarker, pats: pats}
}

// escalate makes an escalation rule; escalation rules need no immediacy.
func escalate(r Reason, pats ...string) rule {
	o := outOtherCountry
	if r == PersonalCase {
		o = outPersonalCase
	}
	return rule{out: o, tier: always, need: noMarker, pats: pats}
}

// needs makes the rule count only when marker m also matches somewhere in the message.
func (r rule) needs(m marker) rule { r.need = m; return r }

// notBefore vetoes a match when the words just before it match re (re is matched
// against the end of the preceding text).
func (r rule) notBefore(re string) rule { r.before = re; return r }

// notAfter vetoes a match when the words just after it match re.
func (r rule) notAfter(re string) rule { r.after = re; return r }

// notIn vetoes a match whose own text contains a match of re.
func (r rule) notIn(re string) rule { r.inside = re; return r }

// phraseKind classifies smalltalk phrases.
type phraseKind uint8

const (
	pGreet  phraseKind = iota + 1 // hello, salam
	pThanks                       // thanks, ok, bye
	pFiller                       // names and words that may surround them: brother, sir, admin
)

// langSpec is the pattern table of one language.
type langSpec struct {
	code string
	// clitic is a prefix every pattern of the language may have glued to its first
	// word (Arabic و "and", ف "so": "وما بيخلوني").
	clitic  string
	macros  map[string]string
	markers map[marker][]string
	rules   []rule
	// smalltalk phrases, written naturally; they are normalised like messages.
	greet, thanks, filler []string
}
