package telegramtest

import (
	"strconv"
	"time"

	"github.com/go-telegram/bot/models"
)

// Builders of the updates a person's Telegram client causes, for PushUpdate or a
// webhook request. The update id is left zero: PushUpdate numbers it. In a private
// chat the chat id is the user's id.

func user(chatID int64, lang string) *models.User {
	return &models.User{ID: chatID, FirstName: "Test", LanguageCode: lang}
}

func private(chatID int64) models.Chat {
	return models.Chat{ID: chatID, Type: models.ChatTypePrivate}
}

func message(chatID int64, lang string) *models.Message {
	return &models.Message{
		ID: int(time.Now().UnixNano() % 1e9), Date: int(time.Now().Unix()),
		Chat: private(chatID), From: user(chatID, lang),
	}
}

// Text is a text message typed in a private chat by a client set to lang.
func Text(chatID int64, lang, text string) models.Update {
	m := message(chatID, lang)
	m.Text = text
	return models.Update{Message: m}
}

// Press is a press on an inline button with callback data, on a message the bot sent.
func Press(chatID int64, lang, data string) models.Update {
	return models.Update{CallbackQuery: &models.CallbackQuery{
		ID: "cq" + strconv.FormatInt(time.Now().UnixNano(), 36), From: *user(chatID, lang), Data: data,
		Message: models.MaybeInaccessibleMessage{Message: &models.Message{ID: 1, Chat: private(chatID)}},
	}}
}

// Photo is a photo with an optional caption.
func Photo(chatID int64, lang, caption string) models.Update {
	m := message(chatID, lang)
	m.Photo = []models.PhotoSize{{FileID: "photo", Width: 640, Height: 480}}
	m.Caption = caption
	return models.Update{Message: m}
}

// Voice is a voice note.
func Voice(chatID int64, lang string) models.Update {
	m := message(chatID, lang)
	m.Voice = &models.Voice{FileID: "voice", Duration: 3}
	return models.Update{Message: m}
}

// Location is a shared location.
func Location(chatID int64, lang string) models.Update {
	m := message(chatID, lang)
	m.Location = &models.Location{Latitude: 41.9, Longitude: 12.5}
	return models.Update{Message: m}
}

// Edited is an edit of an earlier text message.
func Edited(chatID int64, lang, text string) models.Update {
	m := message(chatID, lang)
	m.Text, m.EditDate = text, m.Date
	return models.Update{EditedMessage: m}
}

// Group is a text message in a group the bot was added to.
func Group(groupID, fromID int64, lang, text string) models.Update {
	m := message(fromID, lang)
	m.Chat = models.Chat{ID: groupID, Type: models.ChatTypeGroup, Title: "A group"}
	m.Text = text
	return models.Update{Message: m}
}

// Blocked is the update Telegram sends when the person blocks the bot.
func Blocked(chatID int64, me models.User) models.Update {
	return models.Update{MyChatMember: &models.ChatMemberUpdated{
		Chat: private(chatID), From: *user(chatID, ""), Date: int(time.Now().Unix()),
		OldChatMember: models.ChatMember{Type: models.ChatMemberTypeMember, Member: &models.ChatMemberMember{User: &me}},
		NewChatMember: models.ChatMember{Type: models.ChatMemberTypeBanned, Banned: &models.ChatMemberBanned{User: &me}},
	}}
}
