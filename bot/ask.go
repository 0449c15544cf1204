package bot

import (
	"context"

	"rongcuo/conversation"
)

// onText handles a question typed by the user, or the reason after a 👎: a
// staff member's guided flow takes the text first, the conversation service
// the rest.
func (b *Bot) onText(ctx context.Context, u Update, s session, text string) {
	m := u.Message
	if text != "" && (b.onDraft(ctx, u, s, text) || b.onUploadFix(ctx, u, s, text)) {
		return
	}
	b.svc.Ask(ctx, conversation.Question{
		Person: person(m.From), Chat: convChat(m.Chat), Received: u.Received, Text: text, State: s,
	}, b.output(ctx, m.Chat.ID, nil))
}

func person(u User) conversation.Person {
	return conversation.Person{ID: u.ID, Name: u.Name, Username: u.Username}
}

func convChat(c Chat) conversation.Chat { return conversation.Chat{ID: c.ID, Type: c.Type} }

// chatOutput shows what the service says in a chat: notices as plain
// messages (or, for a button press, as the press's answer), the answer as it
// is written as a draft, then the final answer with its buttons.
type chatOutput struct {
	b      *Bot
	ctx    context.Context
	chatID int64
	cb     *Callback // the press being answered; nil for a message

	st         *stream
	stopTyping func()
}

func (b *Bot) output(ctx context.Context, chatID int64, cb *Callback) *chatOutput {
	return &chatOutput{b: b, ctx: ctx, chatID: chatID, cb: cb}
}

func (o *chatOutput) Notice(text string) {
	if o.cb != nil {
		o.b.answerCallback(o.ctx, o.cb, text)
		o.cb = nil // a press is answered once; later notices are messages
		return
	}
	o.b.sendPlain(o.ctx, o.chatID, text)
}

func (o *chatOutput) Start() func(string) {
	o.st = o.b.newStream(o.ctx, o.chatID)
	o.stopTyping = o.b.typing(o.ctx, o.chatID)
	return o.st.update
}

func (o *chatOutput) Answer(a conversation.Answer) { o.Deliver(a) }

var _ conversation.Deliverer = (*chatOutput)(nil)

// Deliver sends the answer and reports what reached the chat.
func (o *chatOutput) Deliver(a conversation.Answer) conversation.Delivery {
	draft := 0
	if o.st != nil {
		o.stopTyping()
		draft = o.st.finish()
	}
	var buttons [][]Button
	if !a.Failed {
		buttons = answerButtons(a.ID, a.Advice)
	}
	return o.b.deliver(o.ctx, o.chatID, draft, a.Text, buttons)
}

// finish answers the press if nothing did: a refusal said once per window
// is not said again, but the client's spinner still needs its answer.
func (o *chatOutput) finish() {
	if o.cb != nil {
		o.b.answerCallback(o.ctx, o.cb, "")
		o.cb = nil
	}
}
