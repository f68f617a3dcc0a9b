// Package telegram holds the I/O-free half of Sportello's Telegram channel: it turns
// Bot API updates into the engine's bot.Inbound messages and renders bot.Reply values
// as HTML messages with inline keyboards. The adapter that talks to Telegram (long
// polling or a webhook, sending, retries, rate limits) builds on it.
//
// The package never imports a store, a search backend or Redis.
package telegram

import (
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"sportello/bot"
)

// Channel is the channel name Sportello uses for Telegram in bot.Inbound.
const Channel = "telegram"

// Kind says what an update is, so the adapter knows how to act on it.
type Kind int

// Kinds of update. The zero value is KindIgnored.
const (
	// KindIgnored is anything Sportello does not act on (inline queries, polls,
	// reactions, service messages, updates without a usable chat, ...).
	KindIgnored Kind = iota
	// KindText is a text message in a private chat: hand Inbound to the engine.
	KindText
	// KindStart is "/start", possibly with a deep-link payload ("/start ps"):
	// hand Inbound to the engine, which understands "/start <lang>".
	KindStart
	// KindCallback is a press on an inline button. Inbound.Option holds the raw
	// callback data (see OptionByData); the adapter must answer the callback query
	// (Event.CallbackQueryID) so the person's client stops spinning.
	KindCallback
	// KindMedia is a photo, voice note, audio, video, video note, sticker, document
	// or animation. Inbound.Text is the caption, or "" so that the engine asks the
	// person to type.
	KindMedia
	// KindLocation is a shared location or venue. Sportello keeps no coordinates:
	// the adapter acknowledges it and Inbound carries no text.
	KindLocation
	// KindEdited is an edited message (including live-location updates) in a
	// private chat: the adapter ignores it or acknowledges it.
	KindEdited
	// KindGroup is a message in a group, supergroup or channel. Sportello works in
	// private chats only; Event.ChatID lets the adapter say so, once.
	KindGroup
	// KindBlocked means the person blocked the bot (my_chat_member, status
	// "kicked"): the adapter stops sending to Inbound.Sender.
	KindBlocked
)

var kindNames = [...]string{"ignored", "text", "start", "callback", "media", "location", "edited", "group", "blocked"}

// String returns a short lower-case name, for logs and metrics.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Event is one classified update.
type Event struct {
	Kind Kind
	// Inbound is the message for the engine. Sender is the chat id in decimal and
	// MessageID is "u<update_id>", stable across redeliveries of the same update.
	// At is the message date; it is zero for callback queries, which carry no date,
	// and the adapter fills it from its clock.
	Inbound bot.Inbound
	// ChatID is the chat to answer (0 when the update has none).
	ChatID int64
	// CallbackQueryID is set for KindCallback; answer it with answerCallbackQuery.
	CallbackQueryID string
	// Inaccessible is true for a callback whose message is no longer accessible
	// (older than 48 hours) or absent (inline messages): its buttons may be stale.
	Inaccessible bool
	// StartPayload is the deep-link parameter of "/start <payload>", if any.
	StartPayload string
	// Media names the kind of attachment for KindMedia ("photo", "voice", ...).
	Media string
}

// ToInbound classifies a Bot API update and converts it to the engine's Inbound.
// It never panics, whatever fields are missing; a nil update is KindIgnored.
func ToInbound(u *models.Update) Event {
	if u == nil {
		return Event{}
	}
	switch {
	case u.Message != nil:
		return fromMessage(u.ID, u.Message)
	case u.EditedMessage != nil:
		ev := base(u.ID, u.EditedMessage)
		switch chatKind(u.EditedMessage.Chat) {
		case chatPrivate:
			ev.Kind = KindEdited
			return ev
		default:
			// Answering edits in groups would only repeat the group notice.
			return Event{}
		}
	case u.ChannelPost != nil:
		if u.ChannelPost.Chat.ID == 0 {
			return Event{}
		}
		ev := base(u.ID, u.ChannelPost)
		ev.Kind = KindGroup
		return ev
	case u.CallbackQuery != nil:
		return fromCallback(u.ID, u.CallbackQuery)
	case u.MyChatMember != nil:
		return fromMyChatMember(u.ID, u.MyChatMember)
	}
	return Event{}
}

type chatClass int

const (
	chatNone chatClass = iota
	chatPrivate
	chatGroup
)

func chatKind(c models.Chat) chatClass {
	if c.ID == 0 {
		return chatNone
	}
	switch c.Type {
	case models.ChatTypePrivate:
		return chatPrivate
	case models.ChatTypeGroup, models.ChatTypeSupergroup, models.ChatTypeChannel:
		return chatGroup
	}
	return chatNone
}

// base fills the fields every message-based event shares.
func base(updateID int64, m *models.Message) Event {
	ev := Event{
		ChatID: m.Chat.ID,
		Inbound: bot.Inbound{
			Channel:   Channel,
			Sender:    strconv.FormatInt(m.Chat.ID, 10),
			MessageID: "u" + strconv.FormatInt(updateID, 10),
		},
	}
	if m.From != nil {
		ev.Inbound.LangHint = m.From.LanguageCode
	}
	if m.Date > 0 {
		ev.Inbound.At = time.Unix(int64(m.Date), 0).UTC()
	}
	return ev
}

func fromMessage(updateID int64, m *models.Message) Event {
	switch chatKind(m.Chat) {
	case chatNone:
		return Event{}
	case chatGroup:
		ev := base(updateID, m)
		ev.Kind = KindGroup
		return ev
	}
	ev := base(updateID, m)
	switch {
	case m.Text != "":
		ev.Inbound.Text = m.Text
		if payload, ok := startCommand(m.Text); ok {
			ev.Kind = KindStart
			ev.StartPayload = payload
		} else {
			ev.Kind = KindText
		}
	case m.Location != nil || m.Venue != nil:
		ev.Kind = KindLocation
	default:
		media := mediaName(m)
		if media == "" {
			return Event{} // service message or unsupported content
		}
		ev.Kind = KindMedia
		ev.Media = media
		ev.Inbound.Text = m.Caption
	}
	return ev
}

// mediaName names the attachment of m, or returns "" if it has none Sportello
// recognises. An animation also carries a document, so it is checked first.
func mediaName(m *models.Message) string {
	switch {
	case m.Animation != nil:
		return "animation"
	case len(m.Photo) > 0:
		return "photo"
	case m.Voice != nil:
		return "voice"
	case m.Audio != nil:
		return "audio"
	case m.Video != nil:
		return "video"
	case m.VideoNote != nil:
		return "video_note"
	case m.Sticker != nil:
		return "sticker"
	case m.Document != nil:
		return "document"
	}
	return ""
}

// startCommand reports whether text is "/start" (optionally "/start@SomeBot")
// and returns its deep-link payload.
func startCommand(text string) (payload string, ok bool) {
	cmd, rest, _ := strings.Cut(strings.TrimSpace(text), " ")
	if at := strings.IndexByte(cmd, '@'); at >= 0 {
		cmd = cmd[:at]
	}
	if cmd != "/start" {
		return "", false
	}
	return strings.TrimSpace(rest), true
}

func fromCallback(updateID int64, q *models.CallbackQuery) Event {
	ev := Event{
		Kind:            KindCallback,
		CallbackQueryID: q.ID,
		Inbound: bot.Inbound{
			Channel:   Channel,
			MessageID: "u" + strconv.FormatInt(updateID, 10),
			Option:    q.Data,
			LangHint:  q.From.LanguageCode,
		},
	}
	var chat models.Chat
	switch {
	case q.Message.Message != nil:
		chat = q.Message.Message.Chat
	case q.Message.InaccessibleMessage != nil:
		chat = q.Message.InaccessibleMessage.Chat
		ev.Inaccessible = true
	default:
		ev.Inaccessible = true
	}
	switch chatKind(chat) {
	case chatPrivate:
		ev.ChatID = chat.ID
	case chatGroup:
		return Event{Kind: KindGroup, ChatID: chat.ID, Inbound: bot.Inbound{
			Channel: Channel, Sender: strconv.FormatInt(chat.ID, 10), MessageID: ev.Inbound.MessageID,
		}}
	default:
		// An inaccessible message may carry only a chat id; in a private chat
		// the chat id equals the user's id.
		switch {
		case chat.ID > 0:
			ev.ChatID = chat.ID
		case q.From.ID > 0:
			ev.ChatID = q.From.ID
		}
	}
	if ev.ChatID == 0 || q.ID == "" {
		return Event{}
	}
	ev.Inbound.Sender = strconv.FormatInt(ev.ChatID, 10)
	return ev
}

func fromMyChatMember(updateID int64, c *models.ChatMemberUpdated) Event {
	if chatKind(c.Chat) != chatPrivate || c.NewChatMember.Type != models.ChatMemberTypeBanned {
		return Event{}
	}
	ev := Event{
		Kind:   KindBlocked,
		ChatID: c.Chat.ID,
		Inbound: bot.Inbound{
			Channel:   Channel,
			Sender:    strconv.FormatInt(c.Chat.ID, 10),
			MessageID: "u" + strconv.FormatInt(updateID, 10),
			LangHint:  c.From.LanguageCode,
		},
	}
	if c.Date > 0 {
		ev.Inbound.At = time.Unix(int64(c.Date), 0).UTC()
	}
	return ev
}
