package bot

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"sort"
	"strings"

	"sportello/bot/triage"
	"sportello/content"
	"sportello/locales"
)

// Option IDs. Article options carry the slug after the colon.
const (
	optArticle  = "article:"
	optRead     = "read:"
	optLang     = "lang:"
	optHelped   = "helped"
	optPerson   = "person"
	optPersonNo = "person:no"
)

// Emergency numbers, from the knowledge base's sources (content/kb/emergency-numbers).
const (
	num112         = "112"
	num1522        = "1522"
	num800290290   = "800 290 290"
	num114         = "114"
	maxOtherTopics = numOptions - 1
)

func (t *turn) command(text string) error {
	fields := strings.Fields(text)
	name := strings.ToLower(strings.TrimPrefix(fields[0], "/"))
	if i := strings.IndexByte(name, '@'); i >= 0 { // "/start@SportelloBot" in Telegram groups
		name = name[:i]
	}
	arg := ""
	if len(fields) > 1 {
		arg = fields[1]
	}
	switch name {
	case "start":
		if lang, ok := locales.Normalize(arg); ok {
			t.c.Lang, t.c.LangConfirmed = lang, true
		} else {
			t.resolveLang("")
		}
		t.say(Reply{Text: t.tr("welcome", nil) + "\n\n" + t.tr("lang.detected", map[string]any{"Command": t.isolate("/language")})})
	case "language", "lang", "langue", "lingua":
		t.resolveLang("")
		if lang, ok := locales.Normalize(arg); ok {
			return t.option(optLang + lang)
		}
		t.languageMenu("lang.choose")
	case "person", "human", "operator", "help_person":
		t.resolveLang("")
		return t.option(optPerson)
	default:
		t.resolveLang("")
		t.say(Reply{Text: t.tr("help", map[string]any{
			"Language": t.isolate("/language"), "Person": t.isolate("/person"), "Help": t.isolate("/help"),
		})})
	}
	return nil
}

func (t *turn) languageMenu(msgID string) {
	opts := make([]Option, 0, len(locales.Supported))
	for _, l := range locales.Supported {
		opts = append(opts, Option{ID: optLang + l, Label: locales.Name(l)})
	}
	t.c.State = StateChooseLang
	t.say(Reply{Text: t.tr(msgID, nil), Options: opts})
}

// option acts on a chosen option, pressed as a button or typed as its number.
func (t *turn) option(id string) error {
	switch {
	case strings.HasPrefix(id, optLang):
		lang, ok := locales.Normalize(strings.TrimPrefix(id, optLang))
		if !ok {
			t.languageMenu("lang.unknown")
			return nil
		}
		t.c.Lang, t.c.LangConfirmed, t.c.State = lang, true, StateIdle
		t.announceLang = false
		t.say(Reply{Text: t.tr("lang.changed", nil)})
	case strings.HasPrefix(id, optArticle):
		t.showArticle(strings.TrimPrefix(id, optArticle), nil)
	case strings.HasPrefix(id, optRead):
		t.readArticle(strings.TrimPrefix(id, optRead))
	case id == optHelped:
		t.c.State, t.c.Pending = StateIdle, ""
		t.say(Reply{Text: t.tr("feedback.thanks", nil)})
	case id == optPerson:
		return t.askedForPerson()
	case id == optPersonNo:
		t.c.State, t.c.Pending = StateIdle, ""
		t.say(Reply{Text: t.tr("escalation.declined", nil)})
	default:
		// An old button whose meaning is gone: ask again rather than guess.
		t.say(Reply{Text: t.tr("option.invalid", nil), Options: t.c.Options})
	}
	return nil
}

func (t *turn) askedForPerson() error {
	open, err := t.openEscalation()
	if err != nil {
		return err
	}
	if open {
		t.say(Reply{Text: t.tr("escalation.already", nil)})
		return nil
	}
	question, reason := t.c.Pending, "asked"
	if question == "" {
		question = t.lastQuestion()
	}
	return t.escalate(question, reason, false)
}

// lastQuestion is the last thing the person wrote that was not an option or command.
func (t *turn) lastQuestion() string {
	for i := len(t.c.History) - 1; i >= 0; i-- {
		if h := t.c.History[i]; h.Role == RolePerson {
			return h.Text
		}
	}
	return ""
}

// answer shows the best article and offers the next ones.
func (t *turn) answer(hits []Hit) {
	others := make([]string, 0, maxOtherTopics)
	for _, h := range hits[1:] {
		if len(others) == maxOtherTopics {
			break
		}
		others = append(others, h.Slug)
	}
	t.showArticle(hits[0].Slug, others)
}

func (t *turn) showArticle(slug string, others []string) {
	a, ok := t.article(slug)
	if !ok {
		t.say(Reply{Text: t.tr("option.invalid", nil)})
		return
	}
	if others == nil {
		others = a.Related[:min(maxOtherTopics, len(a.Related))]
	}
	text := locales.IsolateRuns(a.Lang, a.Summary)
	if a.Lang != t.c.Lang {
		text = t.tr("answer.fallback_english", nil) + "\n\n" + text
	}
	opts := []Option{
		{ID: optHelped, Label: t.tr("option.helped", nil)},
		{ID: optPerson, Label: t.tr("option.person", nil)},
		{ID: optRead + a.Slug, Label: t.tr("option.read_more", nil)},
	}
	for _, s := range others {
		if o, ok := t.article(s); ok && s != a.Slug {
			opts = append(opts, Option{ID: optArticle + s, Label: locales.IsolateRuns(o.Lang, o.Title)})
		}
	}
	t.c.State = StateAnswered
	t.say(Reply{Title: locales.IsolateRuns(a.Lang, a.Title), Text: text + "\n\n" + t.tr("answer.helped", nil), Options: opts})
}

func (t *turn) readArticle(slug string) {
	a, ok := t.article(slug)
	if !ok {
		t.say(Reply{Text: t.tr("option.invalid", nil)})
		return
	}
	text := locales.IsolateRuns(a.Lang, content.PlainText(a.Body))
	if a.Lang != t.c.Lang {
		text = t.tr("answer.fallback_english", nil) + "\n\n" + text
	}
	text += "\n\n" + t.tr("answer.reviewed", map[string]any{"Date": t.isolate(a.Reviewed.Format("2006-01-02"))})
	t.c.State = StateAnswered
	t.say(Reply{Title: locales.IsolateRuns(a.Lang, a.Title), Text: text, Options: []Option{
		{ID: optHelped, Label: t.tr("option.helped", nil)},
		{ID: optPerson, Label: t.tr("option.person", nil)},
	}})
}

// article returns the article in the conversation's language, or in English.
func (t *turn) article(slug string) (*content.Article, bool) {
	if a, ok := t.e.Articles.Get(slug, t.c.Lang); ok {
		return a, true
	}
	return t.e.Articles.Get(slug, locales.English)
}

func (t *turn) offerPerson(question, reason string) {
	msg := "noanswer.offer"
	switch reason {
	case string(triage.OtherCountry):
		msg = "noanswer.other_country"
	case string(triage.PersonalCase):
		msg = "noanswer.personal"
	}
	t.c.State, t.c.Pending = StateOfferedPerson, question
	t.say(Reply{Text: t.tr(msg, nil), Options: []Option{
		{ID: optPerson, Label: t.tr("option.yes_person", nil)},
		{ID: optPersonNo, Label: t.tr("option.no_thanks", nil)},
	}})
}

func (t *turn) smalltalk(kind string) {
	if kind == string(triage.Thanks) {
		t.c.State = StateIdle
		t.say(Reply{Text: t.tr("smalltalk.thanks", nil)})
		return
	}
	t.say(Reply{Text: t.tr("welcome", nil), Options: []Option{{ID: optPerson, Label: t.tr("option.person", nil)}}})
}

// urgent sends the emergency numbers first, then hands the conversation to a person
// at the top of the queue.
func (t *turn) urgent(question, category string) error {
	t.log.Warn("urgent message", slog.String("category", category), slog.String("lang", t.c.Lang))
	// The numbers go out even if the queue cannot be reached (Handle returns urgent
	// replies together with its error).
	t.say(t.urgentReply(category))
	open, err := t.openEscalation()
	if err != nil {
		return err
	}
	if !open {
		return t.createEscalation(question, category, true)
	}
	if err := t.e.Escalations.MarkUrgent(t.ctx, t.c.EscalationID, category); err != nil {
		return fmt.Errorf("mark escalation urgent: %w", err)
	}
	if err := t.e.Escalations.AppendTurn(t.ctx, t.c.EscalationID, Turn{Role: RolePerson, Text: question, At: t.e.Clock.Now()}); err != nil {
		return fmt.Errorf("add to escalation: %w", err)
	}
	return nil
}

// urgentReply is the emergency numbers in the conversation's language, the one for
// the danger at hand right after 112.
func (t *turn) urgentReply(category string) Reply {
	lines := []string{t.tr("urgent.intro", nil)}
	if category == string(triage.Sea) {
		lines = []string{t.tr("urgent.sea", map[string]any{"Number": t.isolate(num112)})}
	}
	for _, n := range emergencyOrder(category) {
		lines = append(lines, "• "+t.tr(n.msg, map[string]any{"Number": t.isolate(n.number)}))
	}
	return Reply{Text: strings.Join(lines, "\n") + "\n\n" + t.tr("urgent.person", nil), Urgent: true}
}

type emergencyNumber struct{ msg, number string }

// emergencyOrder lists the numbers with 112 first, then the one for the danger at hand.
func emergencyOrder(category string) []emergencyNumber {
	lead := map[string]string{
		string(triage.Violence):    num1522,
		string(triage.Trafficking): num800290290,
		string(triage.Child):       num114,
	}[category]
	rest := []emergencyNumber{
		{"urgent.n1522", num1522},
		{"urgent.n800290290", num800290290},
		{"urgent.n114", num114},
	}
	sort.SliceStable(rest, func(i, j int) bool { return rest[i].number == lead && rest[j].number != lead })
	return append([]emergencyNumber{{"urgent.n112", num112}}, rest...)
}

// escalate hands the question to moderators and tells the person when to expect an answer.
func (t *turn) escalate(question, reason string, urgent bool) error {
	if err := t.createEscalation(question, reason, urgent); err != nil {
		return err
	}
	h := t.e.cfg.ResponseHours
	t.say(Reply{Text: t.e.Messages.TN(t.c.Lang, "escalation.created", h, map[string]any{"Hours": t.isolate(fmt.Sprint(h))})})
	return nil
}

func (t *turn) createEscalation(question, reason string, urgent bool) error {
	now := t.e.Clock.Now()
	esc := &Escalation{
		ID:        escalationID(t.c.Key, t.in),
		PersonKey: t.c.Key, Channel: t.c.Channel, Address: t.c.Address, Lang: t.c.Lang,
		Urgent: urgent, Reason: reason, Status: StatusOpen, Question: question,
		Transcript: append([]Turn(nil), t.c.History...), CreatedAt: now, UpdatedAt: now,
	}
	if err := t.e.Escalations.CreateEscalation(t.ctx, esc); err != nil {
		return fmt.Errorf("create escalation: %w", err)
	}
	t.c.EscalationID, t.c.State, t.c.Pending = esc.ID, StateEscalated, ""
	t.log.Info("escalation created", slog.String("escalation_id", esc.ID), slog.String("lang", esc.Lang),
		slog.Bool("urgent", urgent), slog.String("reason", reason))
	return nil
}

// escalationID derives the escalation's id from the message that opened it, so the same
// message handled again after a crash finds the escalation instead of opening another.
// Without a network message id the store chooses one.
func escalationID(personKey string, in Inbound) string {
	if in.MessageID == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(personKey + "\x00" + in.Channel + "\x00" + in.MessageID))
	return hex.EncodeToString(sum[:8])
}

// isolate keeps numbers and commands in order inside right-to-left text.
func (t *turn) isolate(s string) string { return locales.Isolate(t.c.Lang, s) }
