// Package triage reads one message a person sent Sportello and decides, before any
// search, whether it needs emergency numbers now (Urgent), whether it is something
// the service cannot answer from its knowledge base by design (Escalate), or whether
// it is only a greeting, thanks or noise (Smalltalk).
//
// People write in English, French, Dari, Pashto, Arabic (many dialects, sometimes in
// Latin letters) and Ukrainian (or Russian and surzhyk), often misspelt, without
// accents or punctuation and mixed with Italian words. Classify normalises the text
// (case, accents, Arabic-script letter variants, Persian and Arabic digits, Ukrainian
// apostrophes and letters, zero-width characters, stretched letters) and then matches
// curated phrase patterns. The message's own language is checked first, then every
// other language, so an urgent signal counts in whatever language it is written.
//
// All tables are compiled once at package initialisation and never change, so
// Classify is safe for concurrent use.
package triage

// Category is the kind of danger in an urgent message. The empty Category means the
// message is not urgent.
type Category string

// Urgent categories. Each one means danger to life or safety now: the engine sends
// emergency numbers before anything else.
const (
	// Violence is violence happening now or an imminent threat: being hit right now,
	// "he will kill me", locked in a room, a weapon.
	Violence Category = "violence"
	// Suicide is an intent or wish to die or to harm oneself. It never needs a sign
	// of immediacy.
	Suicide Category = "suicide"
	// Trafficking is being held against one's will: documents taken and not allowed
	// to leave, locked in a house or farm, forced sex work, forced work or debt under
	// threat.
	Trafficking Category = "trafficking"
	// Child is a minor alone and at risk (sleeping outside, nowhere to stay tonight,
	// lost) or a child who is lost or missing.
	Child Category = "child"
	// Injury is someone injured, bleeding, unconscious or unable to breathe, another
	// medical emergency now, or a pregnant woman in labour or bleeding.
	Injury Category = "injury"
	// Sea is a boat in distress or people in the water.
	Sea Category = "sea"
)

// Categories returns the urgent categories in the order Classify prefers them when
// one message shows several: the most immediately life-threatening first.
func Categories() []Category {
	return []Category{Sea, Injury, Suicide, Trafficking, Violence, Child}
}

// Reason says why a message goes to a person instead of the knowledge base. The empty
// Reason means the knowledge base may answer it.
type Reason string

// Escalation reasons. Their values are the reasons stored on an escalation.
const (
	// OtherCountry is a question about asylum, papers, benefits or life in another
	// country than Italy, or about moving or travelling there. Mentioning a country
	// as the past or as the country of origin is not OtherCountry.
	OtherCountry Reason = "other_country"
	// PersonalCase is a request that the service act for the person (call an office,
	// book an appointment, write an appeal, fill a form) or judge their own documents
	// (read a photo of a decision, check a case number).
	PersonalCase Reason = "personal_case"
)

// Kind is the kind of a message that carries no question. The empty Kind means the
// message has content to act on.
type Kind string

// Smalltalk kinds.
const (
	// Greeting is a message that is only a greeting ("hi", "salam alaikum",
	// "привіт"), possibly with a phatic "how are you".
	Greeting Kind = "greeting"
	// Thanks is a message that is only thanks, "ok" or goodbye.
	Thanks Kind = "thanks"
	// Gibberish is a message with no letters at all: punctuation, emoji, digits
	// alone, or nothing. (A lone thumbs-up or 🙏 counts as Thanks, a wave as Greeting.)
	Gibberish Kind = "gibberish"
)

// Result is Classify's verdict on one message. Urgent and Escalate are decided
// independently (a message may carry both; the engine acts on Urgent first).
// Smalltalk is set only when Urgent and Escalate are both empty.
type Result struct {
	Urgent    Category
	Escalate  Reason
	Smalltalk Kind
}

// IsZero reports whether the message is an ordinary question for the search.
func (r Result) IsZero() bool { return r == Result{} }

// Classify triages one message written in lang (a canonical code: en, fr, fa, ps,
// ar or uk; anything else is accepted and simply gives no language priority). It
// never fails: invalid UTF-8 is read as spaces and very long input is cut to its
// first 16 KiB and last 4 KiB.
func Classify(lang, text string) Result {
	return defaultEngine.classify(lang, text, true)
}

// defaultEngine holds every compiled table. It is built once and only read after.
var defaultEngine = mustBuild(specs())

// specs lists the language tables. "it" is Italian, which people mix into messages in
// every language; it is checked for every message but is never a conversation language.
func specs() []langSpec {
	return []langSpec{enSpec(), frSpec(), faSpec(), psSpec(), arSpec(), ukSpec(), itSpec()}
}
