package whatsapp

import (
	"testing"
	"time"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"sportello/bot"
)

var (
	at       = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	pn       = types.NewJID("393331234567", types.DefaultUserServer)
	lid      = types.NewJID("123456789012345", types.HiddenUserServer)
	pnDevice = types.JID{User: pn.User, Server: types.DefaultUserServer, Device: 3}
	group    = types.NewJID("120363000000000001", types.GroupServer)
)

// dm is a private message from sender; f fills its content.
func dm(sender types.JID, f func(m *events.Message)) *events.Message {
	m := &events.Message{
		Info: types.MessageInfo{
			MessageSource: types.MessageSource{Chat: sender.ToNonAD(), Sender: sender},
			ID:            "3EB0ABCDEF", Timestamp: at,
		},
		Message: &waE2E.Message{},
	}
	if f != nil {
		f(m)
	}
	return m
}

func text(s string) func(m *events.Message) {
	return func(m *events.Message) { m.Message.Conversation = proto.String(s) }
}

// noLID is a canonical mapping that knows no LID.
func noLID(types.JID) types.JID { return types.JID{} }

func TestToInbound(t *testing.T) {
	in := func(sender types.JID, c bot.Content, text string) bot.Inbound {
		return bot.Inbound{Content: c, Channel: "whatsapp", Sender: sender.String(), MessageID: "3EB0ABCDEF", Text: text, At: at}
	}
	tests := []struct {
		name string
		m    *events.Message
		want Event
	}{
		{"nil event", nil, Event{}},
		{"empty message", dm(lid, nil), Event{}},
		{"nil message", dm(lid, func(m *events.Message) { m.Message = nil }), Event{}},
		{"no id", dm(lid, func(m *events.Message) { text("hi")(m); m.Info.ID = "" }), Event{}},
		{"conversation", dm(lid, text("where can I ask for asylum?")),
			Event{KindText, in(lid, bot.ContentText, "where can I ask for asylum?")}},
		{"extended text", dm(lid, func(m *events.Message) {
			m.Message.ExtendedTextMessage = &waE2E.ExtendedTextMessage{Text: proto.String("see https://example.org")}
		}), Event{KindText, in(lid, bot.ContentText, "see https://example.org")}},
		{"image with caption", dm(lid, func(m *events.Message) {
			m.Message.ImageMessage = &waE2E.ImageMessage{Caption: proto.String("is this permit valid?")}
		}), Event{KindMedia, in(lid, bot.ContentMedia, "is this permit valid?")}},
		{"image without caption", dm(lid, func(m *events.Message) { m.Message.ImageMessage = &waE2E.ImageMessage{} }),
			Event{KindMedia, in(lid, bot.ContentMedia, "")}},
		{"video with caption", dm(lid, func(m *events.Message) {
			m.Message.VideoMessage = &waE2E.VideoMessage{Caption: proto.String("video")}
		}), Event{KindMedia, in(lid, bot.ContentMedia, "video")}},
		{"document with caption", dm(lid, func(m *events.Message) {
			m.Message.DocumentMessage = &waE2E.DocumentMessage{Caption: proto.String("my letter")}
			m.IsDocumentWithCaption = true
		}), Event{KindMedia, in(lid, bot.ContentMedia, "my letter")}},
		{"voice note", dm(lid, func(m *events.Message) { m.Message.AudioMessage = &waE2E.AudioMessage{PTT: proto.Bool(true)} }),
			Event{KindMedia, in(lid, bot.ContentMedia, "")}},
		{"sticker", dm(lid, func(m *events.Message) { m.Message.StickerMessage = &waE2E.StickerMessage{} }),
			Event{KindMedia, in(lid, bot.ContentMedia, "")}},
		{"contact card", dm(lid, func(m *events.Message) {
			m.Message.ContactMessage = &waE2E.ContactMessage{DisplayName: proto.String("X")}
		}),
			Event{KindMedia, in(lid, bot.ContentMedia, "")}},
		{"location, no coordinates kept", dm(lid, func(m *events.Message) {
			m.Message.LocationMessage = &waE2E.LocationMessage{DegreesLatitude: proto.Float64(41.9), DegreesLongitude: proto.Float64(12.5)}
		}), Event{KindLocation, in(lid, bot.ContentLocation, "")}},
		{"live location", dm(lid, func(m *events.Message) {
			m.Message.LiveLocationMessage = &waE2E.LiveLocationMessage{DegreesLatitude: proto.Float64(41.9), Caption: proto.String("here")}
		}), Event{KindLocation, in(lid, bot.ContentLocation, "")}},
		{"edit, text not kept", dm(lid, func(m *events.Message) { text("fixed typo")(m); m.IsEdit = true }),
			Event{KindEdited, in(lid, bot.ContentEdited, "")}},
		{"edit as protocol message", dm(lid, func(m *events.Message) {
			m.Message.ProtocolMessage = &waE2E.ProtocolMessage{Type: waE2E.ProtocolMessage_MESSAGE_EDIT.Enum(),
				EditedMessage: &waE2E.Message{Conversation: proto.String("fixed")}}
		}), Event{KindEdited, in(lid, bot.ContentEdited, "")}},
		{"deletion", dm(lid, func(m *events.Message) {
			m.Message.ProtocolMessage = &waE2E.ProtocolMessage{Type: waE2E.ProtocolMessage_REVOKE.Enum()}
		}), Event{}},
		{"reaction", dm(lid, func(m *events.Message) {
			m.Message.ReactionMessage = &waE2E.ReactionMessage{Text: proto.String("👍")}
		}), Event{}},
		{"group, text not kept", dm(lid, func(m *events.Message) {
			text("hello all")(m)
			m.Info.Chat, m.Info.IsGroup = group, true
		}), Event{KindGroup, in(group, bot.ContentGroup, "")}},
		{"group edit ignored", dm(lid, func(m *events.Message) {
			text("hello")(m)
			m.Info.Chat, m.Info.IsGroup, m.IsEdit = group, true, true
		}), Event{}},
		{"status broadcast", dm(lid, func(m *events.Message) {
			text("my status")(m)
			m.Info.Chat = types.StatusBroadcastJID
		}), Event{}},
		{"broadcast list", dm(lid, func(m *events.Message) {
			text("offer!")(m)
			m.Info.Chat, m.Info.IsGroup = types.NewJID("1234567890", types.BroadcastServer), true
		}), Event{}},
		{"newsletter", dm(lid, func(m *events.Message) {
			text("news")(m)
			m.Info.Chat = types.NewJID("120363000000000002", types.NewsletterServer)
		}), Event{}},
		{"own message", dm(lid, func(m *events.Message) { text("hi")(m); m.Info.IsFromMe = true }), Event{}},
		{"bot account", dm(types.NewJID("867051314767696", types.BotServer), text("hi")), Event{}},
		{"phone-number sender, LID unknown", dm(pnDevice, text("ciao")),
			Event{KindText, in(pn, bot.ContentText, "ciao")}},
		{"phone-number sender with LID in SenderAlt", dm(pnDevice, func(m *events.Message) {
			text("ciao")(m)
			m.Info.SenderAlt = types.JID{User: lid.User, Server: types.HiddenUserServer, Device: 3}
		}), Event{KindText, in(lid, bot.ContentText, "ciao")}},
		{"LID sender with device", dm(types.JID{User: lid.User, Server: types.HiddenUserServer, Device: 12}, func(m *events.Message) {
			text("ciao")(m)
			m.Info.SenderAlt = pnDevice
		}), Event{KindText, in(lid, bot.ContentText, "ciao")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ToInbound(tt.m, noLID)
			if got != tt.want {
				t.Errorf("ToInbound() = %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestToInboundCanonical(t *testing.T) {
	var asked []types.JID
	mapping := func(j types.JID) types.JID {
		asked = append(asked, j)
		if j == pn {
			return lid
		}
		return types.JID{}
	}
	got := ToInbound(dm(pnDevice, text("ciao")), mapping)
	if got.Inbound.Sender != lid.String() {
		t.Errorf("Sender = %q, want the LID %q", got.Inbound.Sender, lid)
	}
	if len(asked) != 1 || asked[0] != pn {
		t.Errorf("canonical asked for %v, want the phone-number JID without device %v", asked, pn)
	}
	// A LID sender needs no lookup.
	asked = nil
	got = ToInbound(dm(lid, text("ciao")), mapping)
	if got.Inbound.Sender != lid.String() || len(asked) != 0 {
		t.Errorf("LID sender: Sender = %q, lookups %v", got.Inbound.Sender, asked)
	}
	// Without a mapping function, the phone number is the address.
	if got := ToInbound(dm(pnDevice, text("ciao")), nil); got.Inbound.Sender != pn.String() {
		t.Errorf("nil canonical: Sender = %q, want %q", got.Inbound.Sender, pn)
	}
	// A mapping that returns something other than a LID is not trusted.
	odd := func(types.JID) types.JID { return group }
	if got := ToInbound(dm(pnDevice, text("ciao")), odd); got.Inbound.Sender != pn.String() {
		t.Errorf("non-LID mapping: Sender = %q, want %q", got.Inbound.Sender, pn)
	}
}

// sixLanguages are questions in the six languages Sportello answers in.
var sixLanguages = map[string]string{
	"en": "Where can I ask for asylum in Rome?",
	"fr": "Où puis-je demander l'asile à Rome ? « Questura » ?",
	"fa": "کجا می‌توانم در رم درخواست پناهندگی بدهم؟",
	"ps": "زه په روم کې چیرته د پناه غوښتنه کولی شم؟",
	"ar": "أين يمكنني طلب اللجوء في روما؟",
	"uk": "Де я можу попросити притулку в Римі?",
}

func TestToInboundSixLanguages(t *testing.T) {
	for lang, q := range sixLanguages {
		t.Run(lang, func(t *testing.T) {
			for _, m := range []*events.Message{
				dm(lid, text(q)),
				dm(lid, func(m *events.Message) {
					m.Message.ExtendedTextMessage = &waE2E.ExtendedTextMessage{Text: proto.String(q)}
				}),
				dm(lid, func(m *events.Message) { m.Message.ImageMessage = &waE2E.ImageMessage{Caption: proto.String(q)} }),
			} {
				got := ToInbound(m, noLID)
				if got.Inbound.Text != q {
					t.Errorf("Text = %q, want %q unchanged", got.Inbound.Text, q)
				}
				if got.Inbound.LangHint != "" {
					t.Errorf("LangHint = %q, want none", got.Inbound.LangHint)
				}
			}
		})
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{KindIgnored: "ignored", KindText: "text", KindGroup: "group", Kind(42): "kind(42)"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, want)
		}
	}
}
