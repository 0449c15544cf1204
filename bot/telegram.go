package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// telegram is what the adapter needs of *tgbot.Bot.
type telegram interface {
	SendMessage(ctx context.Context, params *tgbot.SendMessageParams) (*models.Message, error)
	EditMessageText(ctx context.Context, params *tgbot.EditMessageTextParams) (*models.Message, error)
	AnswerCallbackQuery(ctx context.Context, params *tgbot.AnswerCallbackQueryParams) (bool, error)
	SendChatAction(ctx context.Context, params *tgbot.SendChatActionParams) (bool, error)
}

var _ telegram = (*tgbot.Bot)(nil)

// telegramSender is the Sender over the Bot API; obs counts its requests.
type telegramSender struct {
	api telegram
	obs Observer
}

// count tells the observer of a request's outcome and returns err.
func (t telegramSender) count(method string, err error) error {
	if t.obs == nil {
		return err
	}
	var ra *RetryAfterError
	outcome := "ok"
	switch {
	case err == nil:
	case errors.As(err, &ra):
		outcome = "retry_after"
	case errors.Is(err, ErrRejected):
		outcome = "rejected"
	case errors.Is(err, ErrForbidden):
		outcome = "forbidden"
	default:
		outcome = "error"
	}
	t.obs.Telegram(method, outcome)
	return err
}

var _ Sender = telegramSender{}

func (t telegramSender) Send(ctx context.Context, m Out) (int, error) {
	p := &tgbot.SendMessageParams{ChatID: m.ChatID, Text: m.Text, LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()}}
	if m.HTML {
		p.ParseMode = models.ParseModeHTML
	}
	if kb := keyboard(m.Buttons); kb != nil {
		p.ReplyMarkup = kb
	}
	if m.ReplyTo != 0 {
		p.ReplyParameters = &models.ReplyParameters{MessageID: m.ReplyTo, AllowSendingWithoutReply: true}
	}
	msg, err := t.api.SendMessage(ctx, p)
	if err != nil {
		return 0, t.count("sendMessage", apiError("send message", err))
	}
	t.count("sendMessage", nil)
	return msg.ID, nil
}

func (t telegramSender) Edit(ctx context.Context, messageID int, m Out) error {
	p := &tgbot.EditMessageTextParams{ChatID: m.ChatID, MessageID: messageID, Text: m.Text, LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tgbot.True()}}
	if m.HTML {
		p.ParseMode = models.ParseModeHTML
	}
	if kb := keyboard(m.Buttons); kb != nil {
		p.ReplyMarkup = kb
	}
	_, err := t.api.EditMessageText(ctx, p)
	if err != nil && strings.Contains(err.Error(), "message is not modified") {
		return t.count("editMessageText", nil)
	}
	return t.count("editMessageText", apiError("edit message", err))
}

func (t telegramSender) AnswerCallback(ctx context.Context, id, text string) error {
	_, err := t.api.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: id, Text: text})
	return t.count("answerCallbackQuery", apiError("answer callback", err))
}

func (t telegramSender) Typing(ctx context.Context, chatID int64) error {
	_, err := t.api.SendChatAction(ctx, &tgbot.SendChatActionParams{ChatID: chatID, Action: models.ChatActionTyping})
	return t.count("sendChatAction", apiError("send chat action", err))
}

// botCommands converts a menu to the library's commands.
func botCommands(cmds []Command) []models.BotCommand {
	out := make([]models.BotCommand, len(cmds))
	for i, c := range cmds {
		out[i] = models.BotCommand{Command: c.Name, Description: c.Description}
	}
	return out
}

func keyboard(rows [][]Button) *models.InlineKeyboardMarkup {
	if len(rows) == 0 {
		return nil
	}
	kb := &models.InlineKeyboardMarkup{InlineKeyboard: make([][]models.InlineKeyboardButton, len(rows))}
	for i, row := range rows {
		for _, b := range row {
			kb.InlineKeyboard[i] = append(kb.InlineKeyboard[i], models.InlineKeyboardButton{Text: b.Text, CallbackData: b.Data})
		}
	}
	return kb
}

// apiError maps the library's errors to the ones the core acts on.
func apiError(op string, err error) error {
	if err == nil {
		return nil
	}
	var tm *tgbot.TooManyRequestsError
	if errors.As(err, &tm) {
		return &RetryAfterError{After: time.Duration(max(tm.RetryAfter, 1)) * time.Second}
	}
	if errors.Is(err, tgbot.ErrorBadRequest) {
		return fmt.Errorf("telegram: %s: %w: %v", op, ErrRejected, err)
	}
	if errors.Is(err, tgbot.ErrorForbidden) {
		return fmt.Errorf("telegram: %s: %w: %v", op, ErrForbidden, err)
	}
	return fmt.Errorf("telegram: %s: %w", op, err)
}

// fromModel converts a library update to the core's; ok is false for updates
// the bot does not handle (channel posts, reactions, member changes…).
func fromModel(u *models.Update, botID int64, username string) (Update, bool) {
	out := Update{ID: u.ID}
	switch {
	case u.Message != nil:
		out.Message = message(u.Message, botID, username)
	case u.EditedMessage != nil:
		out.Message = message(u.EditedMessage, botID, username)
		out.Message.Edited = true
	case u.CallbackQuery != nil:
		cq := u.CallbackQuery
		cb := &Callback{ID: cq.ID, From: user(&cq.From), Data: cq.Data}
		switch {
		case cq.Message.Message != nil:
			cb.Chat = Chat{ID: cq.Message.Message.Chat.ID, Type: string(cq.Message.Message.Chat.Type)}
			cb.MessageID = cq.Message.Message.ID
		case cq.Message.InaccessibleMessage != nil:
			cb.Chat = Chat{ID: cq.Message.InaccessibleMessage.Chat.ID, Type: string(cq.Message.InaccessibleMessage.Chat.Type)}
		}
		out.Callback = cb
	default:
		return out, false
	}
	return out, true
}

func user(u *models.User) User {
	if u == nil {
		return User{}
	}
	return User{ID: u.ID, Name: strings.TrimSpace(u.FirstName + " " + u.LastName), Username: u.Username, IsBot: u.IsBot}
}

func message(m *models.Message, botID int64, username string) *Message {
	out := &Message{ID: m.ID, Chat: Chat{ID: m.Chat.ID, Type: string(m.Chat.Type)}, From: user(m.From), Text: m.Text, Forwarded: m.ForwardOrigin != nil}
	if out.Text == "" {
		out.Text = m.Caption
	}
	out.Kind = kind(m)
	if d := m.Document; d != nil {
		out.Document = &Document{FileID: d.FileID, Name: d.FileName, MIME: d.MimeType, Size: d.FileSize}
	}
	if r := m.ReplyToMessage; r != nil && r.From != nil && r.From.ID == botID {
		out.ReplyToBot = true
	}
	if username != "" && strings.Contains(strings.ToLower(out.Text), "@"+strings.ToLower(username)) {
		out.Mentioned = true
	}
	for _, e := range append(m.Entities, m.CaptionEntities...) {
		if e.Type == models.MessageEntityTypeTextMention && e.User != nil && e.User.ID == botID {
			out.Mentioned = true
		}
	}
	return out
}

func kind(m *models.Message) Kind {
	switch {
	case len(m.Photo) > 0:
		return KindPhoto
	case m.Sticker != nil || m.Animation != nil || m.Dice != nil:
		return KindSticker
	case m.Voice != nil || m.Audio != nil || m.VideoNote != nil:
		return KindVoice
	case m.Video != nil:
		return KindVideo
	case m.Document != nil:
		return KindDocument
	case m.Location != nil || m.Venue != nil:
		return KindLocation
	case m.Contact != nil:
		return KindContact
	case m.Text != "":
		return KindText
	case len(m.NewChatMembers) > 0 || m.LeftChatMember != nil || m.NewChatTitle != "" || len(m.NewChatPhoto) > 0 ||
		m.DeleteChatPhoto || m.GroupChatCreated || m.SupergroupChatCreated || m.PinnedMessage != nil ||
		m.MigrateToChatID != 0 || m.MigrateFromChatID != 0:
		return KindService
	}
	return KindOther
}

// Parser reads an update as Telegram sends it, for the bot with this id and
// username.
func Parser(botID int64, username string) func([]byte) (Update, bool) {
	return parser(&models.User{ID: botID, Username: username})
}

// parser reads an update as Telegram sends it, for the bot whose identity
// is me.
func parser(me *models.User) func([]byte) (Update, bool) {
	return func(data []byte) (Update, bool) {
		var mu models.Update
		if err := json.Unmarshal(data, &mu); err != nil {
			return Update{}, false
		}
		u, ok := fromModel(&mu, me.ID, me.Username)
		return u, ok
	}
}
