package telegram

import (
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"sportello/bot"
)

func private(id int64) models.Chat { return models.Chat{ID: id, Type: models.ChatTypePrivate} }

func msg(chat models.Chat, f func(m *models.Message)) *models.Message {
	m := &models.Message{ID: 7, Date: 1700000000, Chat: chat, From: &models.User{ID: chat.ID, LanguageCode: "ar"}}
	if f != nil {
		f(m)
	}
	return m
}

func TestToInbound(t *testing.T) {
	at := time.Unix(1700000000, 0).UTC()
	in := func(text string) bot.Inbound {
		return bot.Inbound{Channel: "telegram", Sender: "42", MessageID: "u10", Text: text, LangHint: "ar", At: at}
	}
	tests := []struct {
		name string
		u    *models.Update
		want Event
	}{
		{"nil update", nil, Event{}},
		{"empty update", &models.Update{}, Event{}},
		{"text", &models.Update{ID: 10, Message: msg(private(42), func(m *models.Message) { m.Text = "where asylum?" })},
			Event{Kind: KindText, ChatID: 42, Inbound: in("where asylum?")}},
		{"text nil From", &models.Update{ID: 10, Message: msg(private(42), func(m *models.Message) { m.Text = "hi"; m.From = nil })},
			Event{Kind: KindText, ChatID: 42, Inbound: bot.Inbound{Channel: "telegram", Sender: "42", MessageID: "u10", Text: "hi", At: at}}},
		{"zero chat (no chat)", &models.Update{ID: 10, Message: &models.Message{Text: "hi"}}, Event{}},
		{"start with payload", &models.Update{ID: 10, Message: msg(private(42), func(m *models.Message) { m.Text = "/start ps" })},
			Event{Kind: KindStart, ChatID: 42, StartPayload: "ps", Inbound: in("/start ps")}},
		{"start bare", &models.Update{ID: 10, Message: msg(private(42), func(m *models.Message) { m.Text = "/start" })},
			Event{Kind: KindStart, ChatID: 42, Inbound: in("/start")}},
		{"start with bot name", &models.Update{ID: 10, Message: msg(private(42), func(m *models.Message) { m.Text = "/start@SportelloBot fr" })},
			Event{Kind: KindStart, ChatID: 42, StartPayload: "fr", Inbound: in("/start@SportelloBot fr")}},
		{"not start", &models.Update{ID: 10, Message: msg(private(42), func(m *models.Message) { m.Text = "/started" })},
			Event{Kind: KindText, ChatID: 42, Inbound: in("/started")}},
		{"photo without caption", &models.Update{ID: 10, Message: msg(private(42), func(m *models.Message) { m.Photo = []models.PhotoSize{{FileID: "x"}} })},
			Event{Kind: KindMedia, ChatID: 42, Media: "photo", Inbound: in("")}},
		{"document with caption", &models.Update{ID: 10, Message: msg(private(42), func(m *models.Message) {
			m.Document = &models.Document{FileID: "x"}
			m.Caption = "is this permit valid?"
		})}, Event{Kind: KindMedia, ChatID: 42, Media: "document", Inbound: in("is this permit valid?")}},
		{"voice", &models.Update{ID: 10, Message: msg(private(42), func(m *models.Message) { m.Voice = &models.Voice{} })},
			Event{Kind: KindMedia, ChatID: 42, Media: "voice", Inbound: in("")}},
		{"audio", &models.Update{ID: 10, Message: msg(private(42), func(m *models.Message) { m.Audio = &models.Audio{} })},
			Event{Kind: KindMedia, ChatID: 42, Media: "audio", Inbound: in("")}},
		{"video", &models.Update{ID: 10, Message: msg(private(42), func(m *models.Message) { m.Video = &models.Video{} })},
			Event{Kind: KindMedia, ChatID: 42, Media: "video", Inbound: in("")}},
		{"video note", &models.Update{ID: 10, Message: msg(private(42), func(m *models.Message) { m.VideoNote = &models.VideoNote{} })},
			Event{Kind: KindMedia, ChatID: 42, Media: "video_note", Inbound: in("")}},
		{"sticker", &models.Update{ID: 10, Message: msg(private(42), func(m *models.Message) { m.Sticker = &models.Sticker{} })},
			Event{Kind: KindMedia, ChatID: 42, Media: "sticker", Inbound: in("")}},
		{"animation (also a document)", &models.Update{ID: 10, Message: msg(private(42), func(m *models.Message) {
			m.Animation = &models.Animation{}
			m.Document = &models.Document{}
		})}, Event{Kind: KindMedia, ChatID: 42, Media: "animation", Inbound: in("")}},
		{"location", &models.Update{ID: 10, Message: msg(private(42), func(m *models.Message) { m.Location = &models.Location{Latitude: 45, Longitude: 9} })},
			Event{Kind: KindLocation, ChatID: 42, Inbound: in("")}},
		{"venue", &models.Update{ID: 10, Message: msg(private(42), func(m *models.Message) { m.Venue = &models.Venue{Title: "Questura"} })},
			Event{Kind: KindLocation, ChatID: 42, Inbound: in("")}},
		{"service message", &models.Update{ID: 10, Message: msg(private(42), func(m *models.Message) { m.PinnedMessage = &models.MaybeInaccessibleMessage{} })},
			Event{}},
		{"edited private", &models.Update{ID: 10, EditedMessage: msg(private(42), func(m *models.Message) { m.Text = "fixed typo" })},
			Event{Kind: KindEdited, ChatID: 42, Inbound: in("")}},
		{"edited in group", &models.Update{ID: 10, EditedMessage: msg(models.Chat{ID: -5, Type: models.ChatTypeGroup}, nil)}, Event{}},
		{"group", &models.Update{ID: 10, Message: msg(models.Chat{ID: -100123, Type: models.ChatTypeSupergroup}, func(m *models.Message) { m.Text = "hello" })},
			Event{Kind: KindGroup, ChatID: -100123, Inbound: bot.Inbound{Channel: "telegram", Sender: "-100123", MessageID: "u10", LangHint: "ar", At: at}}},
		{"channel post", &models.Update{ID: 10, ChannelPost: &models.Message{Chat: models.Chat{ID: -100999, Type: models.ChatTypeChannel}, Text: "news"}},
			Event{Kind: KindGroup, ChatID: -100999, Inbound: bot.Inbound{Channel: "telegram", Sender: "-100999", MessageID: "u10"}}},
		{"callback", &models.Update{ID: 10, CallbackQuery: &models.CallbackQuery{ID: "cq1", Data: "lang:fr",
			From:    models.User{ID: 42, LanguageCode: "fa"},
			Message: models.MaybeInaccessibleMessage{Message: &models.Message{Chat: private(42)}}}},
			Event{Kind: KindCallback, ChatID: 42, CallbackQueryID: "cq1",
				Inbound: bot.Inbound{Channel: "telegram", Sender: "42", MessageID: "u10", Option: "lang:fr", LangHint: "fa"}}},
		{"callback inaccessible message", &models.Update{ID: 10, CallbackQuery: &models.CallbackQuery{ID: "cq2", Data: "person",
			From: models.User{ID: 42},
			Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeInaccessibleMessage,
				InaccessibleMessage: &models.InaccessibleMessage{Chat: private(42)}}}},
			Event{Kind: KindCallback, ChatID: 42, CallbackQueryID: "cq2", Inaccessible: true,
				Inbound: bot.Inbound{Channel: "telegram", Sender: "42", MessageID: "u10", Option: "person"}}},
		{"callback nil message uses From", &models.Update{ID: 10, CallbackQuery: &models.CallbackQuery{ID: "cq3", Data: "x", From: models.User{ID: 42}}},
			Event{Kind: KindCallback, ChatID: 42, CallbackQueryID: "cq3", Inaccessible: true,
				Inbound: bot.Inbound{Channel: "telegram", Sender: "42", MessageID: "u10", Option: "x"}}},
		{"callback with no chat and no user", &models.Update{ID: 10, CallbackQuery: &models.CallbackQuery{ID: "cq4"}}, Event{}},
		{"callback in group", &models.Update{ID: 10, CallbackQuery: &models.CallbackQuery{ID: "cq5", From: models.User{ID: 42},
			Message: models.MaybeInaccessibleMessage{Message: &models.Message{Chat: models.Chat{ID: -7, Type: models.ChatTypeGroup}}}}},
			Event{Kind: KindGroup, ChatID: -7, Inbound: bot.Inbound{Channel: "telegram", Sender: "-7", MessageID: "u10"}}},
		{"blocked", &models.Update{ID: 10, MyChatMember: &models.ChatMemberUpdated{Chat: private(42), Date: 1700000000,
			NewChatMember: models.ChatMember{Type: models.ChatMemberTypeBanned}}},
			Event{Kind: KindBlocked, ChatID: 42, Inbound: bot.Inbound{Channel: "telegram", Sender: "42", MessageID: "u10", At: at}}},
		{"unblocked is ignored", &models.Update{ID: 10, MyChatMember: &models.ChatMemberUpdated{Chat: private(42),
			NewChatMember: models.ChatMember{Type: models.ChatMemberTypeMember}}}, Event{}},
		{"kicked from a group is ignored", &models.Update{ID: 10, MyChatMember: &models.ChatMemberUpdated{Chat: models.Chat{ID: -5, Type: models.ChatTypeGroup},
			NewChatMember: models.ChatMember{Type: models.ChatMemberTypeBanned}}}, Event{}},
		{"inline query", &models.Update{ID: 10, InlineQuery: &models.InlineQuery{Query: "x"}}, Event{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ToInbound(tt.u)
			if got != tt.want {
				t.Errorf("ToInbound() =\n %+v\nwant\n %+v", got, tt.want)
			}
		})
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{KindIgnored: "ignored", KindBlocked: "blocked", KindCallback: "callback", Kind(99): "kind(99)"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, want)
		}
	}
}
