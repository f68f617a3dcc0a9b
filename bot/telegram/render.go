package telegram

import (
	"crypto/sha256"
	"encoding/base64"
	"html"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"sportello/bot"
	"sportello/bot/textsplit"
)

// MaxLen is Telegram's limit on a message's text after entity parsing, in UTF-16
// code units.
const MaxLen = 4096

// MaxCallbackData is Telegram's limit on an inline button's callback data, in bytes.
const MaxCallbackData = 64

// hashPrefix marks callback data that is a hash of an option ID too long (or
// otherwise unfit) to be sent as is.
const hashPrefix = "h:"

// Message is one Telegram message to send with models.ParseModeHTML. Text is HTML
// in which everything written by people or editors is escaped; Buttons, one per
// row, are only set on the last message of a reply.
type Message struct {
	Text    string
	Buttons [][]models.InlineKeyboardButton
}

// Markup returns the message's inline keyboard for SendMessageParams.ReplyMarkup,
// or nil when it has no buttons.
func (m Message) Markup() models.ReplyMarkup {
	if len(m.Buttons) == 0 {
		return nil
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: m.Buttons}
}

// Render turns a reply into the Telegram messages that carry it: the title in bold
// on the first message, the text split at paragraph boundaries (then lines, then
// words, as a last resort inside a word) so that each message's visible text stays
// within MaxLen UTF-16 code units, and the options as inline buttons on the last
// message. Splitting happens on the plain text, before escaping, so a message never
// ends inside an HTML tag or entity. A reply with nothing to show renders as nil.
func Render(r bot.Reply) []Message {
	parts := split4096(r)
	if parts == nil {
		return nil
	}
	msgs := make([]Message, len(parts))
	for i, p := range parts {
		var b strings.Builder
		if p.title != "" {
			b.WriteString("<b>")
			b.WriteString(html.EscapeString(p.title))
			b.WriteString("</b>")
			if p.body != "" {
				b.WriteString("\n\n")
			}
		}
		b.WriteString(html.EscapeString(p.body))
		msgs[i].Text = b.String()
	}
	msgs[len(msgs)-1].Buttons = Buttons(r.Options)
	return msgs
}

// Parts splits a reply into replies that Render turns into one message each: the
// first carries the title, the last the options. Sportello's outbox holds one part per
// item, so a message that failed is sent again without repeating the ones before it.
func Parts(r bot.Reply) []bot.Reply {
	parts := split4096(r)
	msgs := make([]textsplit.Message, len(parts))
	for i, p := range parts {
		msgs[i] = textsplit.Message{Title: p.title, Body: p.body}
	}
	return r.Split(msgs)
}

type part struct{ title, body string }

// split4096 cuts a reply's title and text into the parts of its messages.
func split4096(r bot.Reply) []part {
	title := strings.TrimSpace(clean(r.Title))
	text := strings.TrimSpace(clean(r.Text))
	if title == "" && text == "" && len(r.Options) == 0 {
		return nil
	}

	var parts []part
	for _, m := range textsplit.Messages(title, text, MaxLen, 2, runeWidth) { // "\n\n" after the title
		parts = append(parts, part{title: m.Title, body: m.Body})
	}
	if len(parts) == 0 {
		// Telegram refuses an empty text, and buttons need a message to hang on.
		parts = append(parts, part{body: "…"})
	}
	return parts
}

// Buttons builds an inline keyboard with one option per row. The label is plain
// text (Telegram does not parse markup in buttons); an empty label shows the option's
// number. The callback data is CallbackData(option.ID).
func Buttons(options []bot.Option) [][]models.InlineKeyboardButton {
	if len(options) == 0 {
		return nil
	}
	rows := make([][]models.InlineKeyboardButton, len(options))
	for i, o := range options {
		label := strings.TrimSpace(clean(o.Label))
		if label == "" {
			label = strconv.Itoa(i + 1)
		}
		rows[i] = []models.InlineKeyboardButton{{Text: label, CallbackData: CallbackData(o.ID)}}
	}
	return rows
}

// CallbackData is the callback data sent for an option ID. IDs of 1 to
// MaxCallbackData bytes of valid UTF-8 go as they are; any other ID (and any ID that
// itself starts with "h:") becomes "h:" followed by a hash of it, which
// OptionByData maps back given the options that were offered.
func CallbackData(id string) string {
	if id != "" && len(id) <= MaxCallbackData && utf8.ValidString(id) && !strings.HasPrefix(id, hashPrefix) {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return hashPrefix + base64.RawURLEncoding.EncodeToString(sum[:16])
}

// OptionByData returns the ID of the option whose callback data is data, among the
// options that were offered with the message. It reports false when none matches,
// for example when the person presses a button of an old message whose options the
// adapter no longer knows; data that does not start with "h:" is then still the
// option ID itself.
func OptionByData(options []bot.Option, data string) (string, bool) {
	for _, o := range options {
		if CallbackData(o.ID) == data {
			return o.ID, true
		}
	}
	return "", false
}

// clean makes s valid UTF-8 and turns CRLF line ends into LF.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.ReplaceAll(s, "\r\n", "\n")
}

// width is the length of s in UTF-16 code units, as Telegram counts it.
func width(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}
