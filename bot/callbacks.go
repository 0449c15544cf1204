package bot

import (
	"context"
	"errors"

	"rongcuo/conversation"
	"rongcuo/knowledge"
)

// onCallback handles a button press. Every press is answered (the client
// shows a spinner until it is), with a polite word when the data is tampered
// with or stale. Callback data is whatever a client sends, so every press
// goes through the access policy before it acts, as a message does, and is
// de-duplicated by its update id.
func (b *Bot) onCallback(ctx context.Context, u Update) {
	cb := u.Callback
	d, ok := parseCallback(cb.Data)
	if !ok || cb.Chat.ID == 0 {
		b.log.Info("unreadable callback data", "chat", cb.Chat.ID, "len", len(cb.Data))
		b.answerCallback(ctx, cb, txtBadButton)
		return
	}
	if d.kind == cbRate {
		// The service loads, admits and limits a rating itself, as it does
		// for the web.
		b.onRate(ctx, u, d)
		return
	}
	s := b.begin(ctx, u, cb.Chat.ID, cb.From.ID, d.kind == cbFollowUp)
	if s.Duplicate {
		b.answerCallback(ctx, cb, "")
		return
	}
	if ok, msg := b.svc.Admit(ctx, person(cb.From), s); !ok {
		b.answerCallback(ctx, cb, msg)
		return
	}
	switch d.kind {
	case cbFollowUp:
		b.onFollowUp(ctx, u, s, d)
	case cbProvision:
		b.onProvision(ctx, cb, d)
	case cbApprove:
		b.onApprove(ctx, cb, d)
	case cbForget:
		b.onForget(ctx, cb, d)
	case cbKB:
		b.onKBButton(ctx, cb, d)
		b.forgetUpload(ctx, cb, s, d.token)
	case cbCase:
		b.onCaseButton(ctx, u, s, d)
	case cbMeta:
		b.onMetaButton(ctx, cb, s, d)
	case cbForce:
		b.onForceButton(ctx, cb, s)
	}
}

func (b *Bot) answerCallback(ctx context.Context, cb *Callback, text string) {
	if err := b.cfg.Sender.AnswerCallback(ctx, cb.ID, text); err != nil {
		b.log.Warn("callback answer failed", "chat", cb.Chat.ID, "err", err)
	}
}

// onFollowUp records a 是 / 否 / 不清楚 and re-assesses the case with it.
func (b *Bot) onFollowUp(ctx context.Context, u Update, s session, d callbackData) {
	cb := u.Callback
	out := b.output(ctx, cb.Chat.ID, cb)
	defer out.finish()
	b.svc.Follow(ctx, conversation.FollowUp{
		Person: person(cb.From), Chat: convChat(cb.Chat), Received: u.Received, State: s,
		AnswerID: d.answer, Key: d.key, Reply: d.reply,
	}, out)
}

// onProvision shows a provision's full text.
func (b *Bot) onProvision(ctx context.Context, cb *Callback, d callbackData) {
	id := d.prov
	if d.provHash != "" {
		id = b.provisionByHash(d.provHash)
	}
	p := b.cfg.Library.Provision(id)
	if p == nil {
		b.answerCallback(ctx, cb, txtNoProvision)
		return
	}
	b.answerCallback(ctx, cb, "")
	b.deliverHTML(ctx, cb.Chat.ID, provisionHTML(p), nil)
}

// deliverHTML sends ready HTML cut into pieces at line breaks.
func (b *Bot) deliverHTML(ctx context.Context, chatID int64, html string, buttons [][]Button) {
	pieces := splitHTMLLines(html, MaxMessage)
	for i, p := range pieces {
		var bt [][]Button
		if i == len(pieces)-1 {
			bt = buttons
		}
		b.sendHTML(ctx, chatID, p, bt)
	}
}

func provisionHTML(p *knowledge.Provision) string {
	head := "<b>《" + escapeHTML(p.Document) + "》" + escapeHTML(p.Article) + "</b>"
	if p.Chapter != "" {
		head += "\n" + escapeHTML(p.Chapter)
	}
	body := escapeHTML(p.Text)
	if !p.Verified {
		body += "\n\n（条文原文待核对，请以正式文本为准。）"
	}
	return head + "\n\n" + body
}

// provisionByHash finds the provision whose long id was hashed into callback
// data. Only ids too long for the data are hashed, and they are few; a scan
// on each press sees the knowledge base as it is now, where a table kept
// between presses would go stale when staff change it.
func (b *Bot) provisionByHash(h string) string {
	for _, p := range b.cfg.Library.Provisions() {
		if hashedID(p.ID) && provisionHash(p.ID) == h {
			return p.ID
		}
	}
	return ""
}

// onRate records 👍 / 👎; after 👎 the next message is taken as the reason.
func (b *Bot) onRate(ctx context.Context, u Update, d callbackData) {
	cb := u.Callback
	err := b.svc.Rate(ctx, conversation.Rating{Person: person(cb.From), Chat: convChat(cb.Chat), AnswerID: d.answer, Up: d.yes,
		AwaitReason: true, UpdateID: dedupeID(u), Received: u.Received})
	var refused *conversation.Refusal
	switch {
	case errors.Is(err, conversation.ErrDuplicate):
		b.answerCallback(ctx, cb, "")
		return
	case errors.As(err, &refused):
		b.answerCallback(ctx, cb, refused.Text)
		return
	case errors.Is(err, conversation.ErrStoreDown):
		b.answerCallback(ctx, cb, txtStoreDown)
		return
	case err != nil:
		b.answerCallback(ctx, cb, txtSorry)
		return
	}
	b.answerCallback(ctx, cb, txtThanks)
	if !d.yes {
		b.sendPlain(ctx, cb.Chat.ID, txtAskReason)
	}
}

// onForget carries out or cancels /forget. The confirmation is only ever
// sent in the user's private chat, whose id is the user's; a press anywhere
// else (forged data in a group) would erase that group's conversation for
// everyone, so it is refused.
func (b *Bot) onForget(ctx context.Context, cb *Callback, d callbackData) {
	if cb.Chat.Type != ChatPrivate || cb.Chat.ID != cb.From.ID {
		b.answerCallback(ctx, cb, txtForgetPrivate)
		return
	}
	if !d.yes {
		b.answerCallback(ctx, cb, txtForgetCancelled)
		b.editOrSend(ctx, cb, txtForgetCancelled)
		return
	}
	n, err := b.svc.Forget(ctx, person(cb.From))
	if err != nil {
		b.answerCallback(ctx, cb, txtForgetFailed)
		return
	}
	b.answerCallback(ctx, cb, "已删除")
	b.editOrSend(ctx, cb, fmtForgetDone(n))
}

func (b *Bot) editOrSend(ctx context.Context, cb *Callback, text string) {
	if cb.MessageID != 0 {
		if err := b.cfg.Sender.Edit(ctx, cb.MessageID, Out{ChatID: cb.Chat.ID, Text: text}); err == nil {
			return
		}
	}
	b.sendPlain(ctx, cb.Chat.ID, text)
}
