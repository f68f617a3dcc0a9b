package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"sportello/bot/triage"
	"sportello/locales"
)

// turn is the handling of one inbound message: the conversation it changes and the
// replies it produces.
type turn struct {
	e   *Engine
	ctx context.Context
	c   *Conversation
	in  Inbound
	log *slog.Logger
	out []Reply
	// announceLang is set when the language was chosen by detection on this message,
	// so the reply ends by saying which language the bot uses and how to change it.
	announceLang bool
}

func (t *turn) run() error {
	if t.in.Content == ContentBlocked {
		t.c.Blocked = true // nothing to say: nothing can reach them
		return nil
	}
	t.c.Blocked = false
	switch t.in.Content {
	case ContentGroup:
		// Said once per group: what people write in a group is not Sportello's to read.
		if t.c.State != StateGroup {
			t.c.State = StateGroup
			t.resolveLang("")
			t.say(Reply{Text: t.tr("group.private_only", nil)})
		}
		return nil
	case ContentLocation:
		t.resolveLang("")
		t.say(Reply{Text: t.tr("location.received", nil), Options: t.c.Options})
		return nil
	case ContentEdited:
		t.resolveLang("")
		t.say(Reply{Text: t.tr("edited.ignored", nil), Options: t.c.Options})
		return nil
	case ContentMedia:
		if cleanText(t.in.Text) == "" {
			t.resolveLang("")
			t.say(Reply{Text: t.tr("media.not_text", nil), Options: t.c.Options})
			return nil
		}
		// A caption is read as a question, after saying the file itself was not.
		err := t.read(cleanText(t.in.Text))
		if err == nil && len(t.out) > 0 && !t.out[0].Urgent {
			note := Reply{Lang: t.c.Lang, Text: t.tr("media.caption_only", nil)}
			t.out = append([]Reply{note}, t.out...)
		}
		return err
	}
	return t.read(cleanText(t.in.Text))
}

// read handles what the person typed (or pressed).
func (t *turn) read(text string) error {
	if n := len([]rune(text)); n > t.e.cfg.MaxTextRunes {
		t.log.Info("message too long", slog.Int("runes", n))
		t.resolveLang("")
		t.say(Reply{Text: t.tr("error.too_long", map[string]any{"Max": t.e.cfg.MaxTextRunes})})
		return nil
	}
	if text == "" && t.in.Option == "" {
		t.resolveLang("")
		t.say(Reply{Text: t.tr("error.not_text", nil)})
		return nil
	}
	if strings.HasPrefix(text, "/") {
		return t.command(text)
	}
	t.resolveLang(text)
	var err error
	if id, ok := t.chosenOption(text); ok {
		err = t.option(id)
	} else {
		err = t.question(text)
	}
	if err == nil && t.announceLang && len(t.out) > 0 {
		last := &t.out[len(t.out)-1]
		last.Text += "\n\n" + t.tr("lang.detected", map[string]any{"Command": t.isolate("/language")})
	}
	return err
}

// resolveLang settles the conversation's language from what the person wrote. An
// unconfirmed language follows the person's writing; a confirmed one changes only by
// command or menu.
func (t *turn) resolveLang(text string) {
	c := t.c
	if c.Lang != "" && c.LangConfirmed {
		return
	}
	det := locales.DetectWithHint(text, t.in.LangHint)
	switch {
	case c.Lang == "":
		c.Lang = det.Lang
		if c.Lang == "" {
			c.Lang, _ = locales.Normalize(t.in.LangHint)
		}
		if c.Lang == "" {
			c.Lang = locales.English
		}
		t.announceLang = text != ""
	case det.Confident && det.Lang != c.Lang:
		c.Lang = det.Lang
		t.announceLang = true
	case det.Confident:
		// A second message in the language the bot announced: the person accepts it.
		c.LangConfirmed = true
	}
}

// chosenOption is the option the person chose: a pressed button, a typed number or
// label, or a typed yes or no when the bot asked whether to call a person.
func (t *turn) chosenOption(text string) (string, bool) {
	if t.in.Option != "" {
		return t.in.Option, true
	}
	if id, ok := t.typedOption(text); ok {
		return id, true
	}
	if t.c.State == StateOfferedPerson {
		switch locales.ParseAnswer(text) {
		case locales.Yes:
			return optPerson, true
		case locales.No:
			return optPersonNo, true
		}
	}
	return "", false
}

// typedOption maps a typed number ("2", "٢") or an option's exact label to its ID.
func (t *turn) typedOption(text string) (string, bool) {
	if len(t.c.Options) == 0 {
		return "", false
	}
	s := strings.TrimRight(strings.TrimSpace(asciiDigits(text)), ".)")
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 1 && n <= len(t.c.Options) {
			return t.c.Options[n-1].ID, true
		}
		return "", false
	}
	for _, o := range t.c.Options {
		if strings.EqualFold(o.Label, text) {
			return o.ID, true
		}
	}
	return "", false
}

// asciiDigits turns Eastern Arabic and Persian digits into ASCII ones.
func asciiDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		}
		return r
	}, s)
}

// question handles free text: urgent triage, an open escalation, or a new question.
func (t *turn) question(text string) error {
	t.remember(RolePerson, text)
	open, err := t.openEscalation()
	if err != nil {
		return err
	}
	if open {
		// Only urgent triage matters while a person is on the case.
		if cat := triage.Classify(t.c.Lang, text).Urgent; cat != "" {
			return t.urgent(text, string(cat))
		}
		return t.addToEscalation(text)
	}
	d, err := t.e.Decide(t.ctx, t.c.Lang, text)
	if err != nil {
		return err
	}
	switch d.Kind {
	case KindUrgent:
		return t.urgent(text, d.Reason)
	case KindSmalltalk:
		t.smalltalk(d.Smalltalk)
	case KindAnswer:
		t.answer(d.Hits)
	default:
		t.offerPerson(text, d.Reason)
	}
	return nil
}

// openEscalation reports whether the person has an escalation that is not resolved;
// it forgets one that was resolved.
func (t *turn) openEscalation() (bool, error) {
	if t.c.EscalationID == "" {
		return false, nil
	}
	esc, err := t.e.Escalations.GetEscalation(t.ctx, t.c.EscalationID)
	if errors.Is(err, ErrNotFound) {
		t.c.EscalationID, t.c.State = "", StateIdle
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("get escalation: %w", err)
	}
	if esc.Status == StatusResolved {
		t.c.EscalationID = ""
		t.c.State = StateIdle
		return false, nil
	}
	return true, nil
}

func (t *turn) addToEscalation(text string) error {
	err := t.e.Escalations.AppendTurn(t.ctx, t.c.EscalationID, Turn{Role: RolePerson, Text: text, At: t.e.Clock.Now()})
	if errors.Is(err, ErrResolved) || errors.Is(err, ErrNotFound) {
		// Closed by a moderator in the meantime: treat it as a new question.
		t.c.EscalationID = ""
		t.c.History = t.c.History[:len(t.c.History)-1]
		return t.question(text)
	}
	if err != nil {
		return fmt.Errorf("add to escalation: %w", err)
	}
	t.c.State = StateEscalated
	t.c.Options = nil
	t.say(Reply{Text: t.tr("escalation.added", nil)})
	return nil
}

// remember appends a turn to the conversation's short history.
func (t *turn) remember(role Role, text string) {
	h := append(t.c.History, Turn{Role: role, Text: text, At: t.e.Clock.Now()})
	if len(h) > MaxHistory {
		h = h[len(h)-MaxHistory:]
	}
	t.c.History = h
}

// say queues a reply in the conversation's language, remembers it, and records its
// options so a typed number can be understood next time.
func (t *turn) say(r Reply) {
	r.Lang = t.c.Lang
	t.c.Options = r.Options
	summary := r.Text
	if r.Title != "" {
		summary = r.Title + "\n" + r.Text
	}
	t.remember(RoleBot, summary)
	t.out = append(t.out, r)
}

func (t *turn) tr(id string, data map[string]any) string {
	return t.e.Messages.T(t.c.Lang, id, data)
}
