package bot

import (
	"context"
	"encoding/hex"
	"slices"
	"strings"

	"rongcuo/importer"
	"rongcuo/kblive"
)

// A previewed upload shows its metadata as read or guessed; staff correct
// a guess with a button, choosing among the values the text names (places,
// dates, issuers) or the allowed ones (levels, statuses). The corrected
// change replaces the previewed one.
//
//	m|TOKEN|K|VALUE   set field K (l level, r region, i issuer, s status,
//	                  e effective) of the staged document to VALUE

var metaCodes = map[string]string{
	importer.MetaLevel: "l", importer.MetaRegion: "r", importer.MetaIssuer: "i", importer.MetaStatus: "s", importer.MetaEffective: "e",
}

func metaKey(code string) string {
	for k, c := range metaCodes {
		if c == code {
			return k
		}
	}
	return ""
}

func metaData(token, key, value string) string {
	return "m|" + token + "|" + metaCodes[key] + "|" + value
}

// parseMetaCallback reads m| data.
func parseMetaCallback(f []string) (callbackData, bool) {
	if len(f) != 3 || len(f[0]) != 16 || metaKey(f[1]) == "" || f[2] == "" {
		return callbackData{}, false
	}
	if _, err := hex.DecodeString(f[0]); err != nil {
		return callbackData{}, false
	}
	return callbackData{kind: cbMeta, token: f[0], key: metaKey(f[1]), value: f[2]}, true
}

// metaButtons offers, for the one document of a preview, the other values
// of each guessed field; none for a preview of several items.
func metaButtons(p *kblive.Preview) [][]Button {
	if p.Token == "" || len(p.Items) != 1 || p.Items[0].Kind != "document" {
		return nil
	}
	var rows [][]Button
	for _, f := range p.Items[0].Meta {
		if !f.Guessed {
			continue
		}
		var row []Button
		for _, v := range f.Candidates {
			data := metaData(p.Token, f.Key, v)
			if v == f.Value || strings.Contains(v, "|") || len(data) > MaxCallbackData || slices.ContainsFunc(row, func(b Button) bool { return b.Data == data }) {
				continue
			}
			row = append(row, Button{Text: f.Label + "→" + v, Data: data})
			if len(row) == 3 {
				rows = append(rows, row)
				row = nil
			}
		}
		if len(row) > 0 {
			rows = append(rows, row)
		}
	}
	return rows
}

// onMetaButton corrects a field of a staged upload and shows the new
// preview in place of the old one.
func (b *Bot) onMetaButton(ctx context.Context, cb *Callback, s session, d callbackData) {
	if !b.staffPress(ctx, cb) {
		return
	}
	p, err := b.cfg.KB.Correct(ctx, d.token, staffName(cb.From.ID), "", d.key, d.value)
	if err != nil {
		b.log.Info("upload metadata not corrected", "user", cb.From.ID, "err", err)
		b.answerCallback(ctx, cb, "没有更正")
		b.sendPlain(ctx, cb.Chat.ID, kblive.Message(err))
		return
	}
	b.answerCallback(ctx, cb, "已更正")
	b.showUpload(ctx, cb.Chat.ID, cb.From.ID, s.Pending, p, nil)
}
