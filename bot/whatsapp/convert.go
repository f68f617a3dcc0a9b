// Package whatsapp is Sportello's WhatsApp channel, built on whatsmeow (an
// unofficial WhatsApp Web multi-device client linked to a dedicated phone number).
//
// The I/O-free half turns whatsmeow's message events into the engine's bot.Inbound
// messages (convert.go) and renders bot.Reply values as plain WhatsApp text with
// numbered options (render.go). The other half opens the device store (device.go),
// links the number (link.go) and runs the connection: incoming messages go to the
// inbox before WhatsApp is acknowledged, replies leave through Send (adapter.go).
//
// Nothing here logs a phone number, a JID or what a person wrote.
package whatsapp

import (
	"strconv"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"sportello/bot"
)

// Channel is the channel name Sportello uses for WhatsApp in bot.Inbound.
const Channel = "whatsapp"

// Kind says what a message event is, so the adapter knows how to act on it.
type Kind int

// Kinds of message. The zero value is KindIgnored.
const (
	// KindIgnored is anything Sportello does not act on: status updates, newsletters,
	// broadcast lists, the linked number's own messages, reactions, deletions, polls,
	// protocol messages, messages without a usable sender.
	KindIgnored Kind = iota
	// KindText is a text message in a private chat: hand Inbound to the engine.
	KindText
	// KindMedia is an image, video, voice note, audio, document, sticker or contact
	// card. Inbound.Text is the caption, or "" so that the engine asks the person to
	// type.
	KindMedia
	// KindLocation is a shared (or live) location. Sportello keeps no coordinates:
	// Inbound carries no text.
	KindLocation
	// KindEdited is an edit of an earlier message in a private chat; its text is not
	// kept.
	KindEdited
	// KindGroup is a message in a group. Sportello works in private chats only;
	// Inbound.Sender is the group, so the engine can say so there, once.
	KindGroup
)

var kindNames = [...]string{"ignored", "text", "media", "location", "edited", "group"}

// String returns a short lower-case name, for logs and metrics.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Event is one classified message.
type Event struct {
	Kind Kind
	// Inbound is the message for the engine. Sender is the canonical address of the
	// person (see ToInbound) or, for KindGroup, the group's JID; MessageID is
	// WhatsApp's message id; Content matches Kind. LangHint is always empty: WhatsApp
	// does not tell a client's language.
	Inbound bot.Inbound
}

// ToInbound classifies a whatsmeow message event and converts it to the engine's
// Inbound. It never panics, whatever fields are missing; a nil event is KindIgnored.
//
// WhatsApp is moving people from phone-number JIDs (<number>@s.whatsapp.net) to
// privacy LIDs (<digits>@lid), and the same person may write from either. Sender is
// therefore the person's canonical JID, without a device part: the LID when it is
// known (Info.Sender if it is a LID, else Info.SenderAlt if that is, else
// canonical(phone-number JID) if it returns a LID), else the phone-number JID.
// canonical may be nil; it must return the empty JID when it knows no LID.
func ToInbound(m *events.Message, canonical func(types.JID) types.JID) Event {
	if m == nil || m.Info.IsFromMe || m.Info.ID == "" {
		return Event{} // without an id, a redelivery could not be recognised
	}
	info := &m.Info
	switch info.Chat.Server {
	case types.BroadcastServer, types.NewsletterServer:
		// Status updates, broadcast lists and channels are not conversations.
		return Event{}
	}
	if info.Chat.Server == types.GroupServer || info.IsGroup {
		if info.Chat.Server != types.GroupServer || info.Chat.User == "" || m.IsEdit {
			// Answering edits in groups would only repeat the group notice.
			return Event{}
		}
		ev := base(info, info.Chat.ToNonAD())
		ev.Kind, ev.Inbound.Content = KindGroup, bot.ContentGroup
		return ev
	}
	if !isPerson(info.Chat) {
		return Event{} // bots, Messenger interop, hosted business accounts...
	}
	sender, ok := person(info, canonical)
	if !ok {
		return Event{}
	}
	ev := base(info, sender)
	msg := m.Message
	switch {
	case m.IsEdit || msg.GetProtocolMessage() != nil && msg.GetProtocolMessage().GetType() == waE2E.ProtocolMessage_MESSAGE_EDIT:
		ev.Kind, ev.Inbound.Content = KindEdited, bot.ContentEdited
	case msg.GetConversation() != "":
		ev.Kind, ev.Inbound.Text = KindText, msg.GetConversation()
	case msg.GetExtendedTextMessage().GetText() != "":
		ev.Kind, ev.Inbound.Text = KindText, msg.GetExtendedTextMessage().GetText()
	case msg.GetLocationMessage() != nil || msg.GetLiveLocationMessage() != nil:
		ev.Kind, ev.Inbound.Content = KindLocation, bot.ContentLocation
	default:
		caption, ok := media(msg)
		if !ok {
			return Event{} // reactions, deletions, polls, protocol messages...
		}
		ev.Kind, ev.Inbound.Content, ev.Inbound.Text = KindMedia, bot.ContentMedia, caption
	}
	return ev
}

// base fills the fields every event shares.
func base(info *types.MessageInfo, sender types.JID) Event {
	return Event{Inbound: bot.Inbound{
		Channel:   Channel,
		Sender:    sender.String(),
		MessageID: info.ID,
		At:        info.Timestamp,
	}}
}

// isPerson reports whether jid addresses a person's account: a phone number or a LID.
func isPerson(jid types.JID) bool {
	return jid.User != "" && (jid.Server == types.DefaultUserServer || jid.Server == types.HiddenUserServer)
}

// person returns the canonical JID of a private message's sender.
func person(info *types.MessageInfo, canonical func(types.JID) types.JID) (types.JID, bool) {
	var pn types.JID
	for _, j := range []types.JID{info.Sender, info.SenderAlt, info.Chat} {
		switch {
		case !isPerson(j):
		case j.Server == types.HiddenUserServer:
			return j.ToNonAD(), true
		case pn.IsEmpty():
			pn = j.ToNonAD()
		}
	}
	if pn.IsEmpty() {
		return types.JID{}, false
	}
	if canonical != nil {
		if lid := canonical(pn); lid.Server == types.HiddenUserServer && lid.User != "" {
			return lid.ToNonAD(), true
		}
	}
	return pn, true
}

// media reports whether msg carries an attachment Sportello recognises, and its
// caption. View-once, ephemeral and document-with-caption wrappers are already
// unwrapped by whatsmeow.
func media(msg *waE2E.Message) (caption string, ok bool) {
	switch {
	case msg.GetImageMessage() != nil:
		return msg.GetImageMessage().GetCaption(), true
	case msg.GetVideoMessage() != nil:
		return msg.GetVideoMessage().GetCaption(), true
	case msg.GetDocumentMessage() != nil:
		return msg.GetDocumentMessage().GetCaption(), true
	case msg.GetPtvMessage() != nil: // a round video note
		return msg.GetPtvMessage().GetCaption(), true
	case msg.GetAudioMessage() != nil, msg.GetStickerMessage() != nil,
		msg.GetContactMessage() != nil, msg.GetContactsArrayMessage() != nil:
		return "", true
	}
	return "", false
}
