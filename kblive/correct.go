package kblive

import (
	"context"
	"strings"

	"rongcuo/importer"
	"rongcuo/knowledge"
	"rongcuo/redisstore"
)

// KeyID is the key Correct takes for a document's id.
const KeyID = "id"

// Correct changes one metadata field (importer.MetaKeys: level, region,
// issuer, status, effective; or KeyID, the document's id) of a document in
// a staged import, and stages
// the corrected change in place of the old one: staff check what the
// preview read or guessed and fix it before confirming. id "" corrects
// every document of the change. Only the person who staged it may correct
// it; the old preview is gone once the new one is staged.
func (s *Service) Correct(ctx context.Context, token, by, id, key, value string) (*Preview, error) {
	st, ok, err := s.store.KBPending(ctx, token)
	switch {
	case err != nil:
		return nil, unavailable("read staged change", err)
	case !ok:
		return nil, fail(Stale, "这次预览已经确认过、已取消或已过期，请重新上传文件。", "pending change %s is gone", token)
	case st.By != by:
		return nil, fail(Forbidden, "只有发起这次修改的人可以更正。", "pending change %s was staged by someone else than %q", token, by)
	}
	b := &importer.Batch{}
	found := false
	for _, c := range st.Changes {
		if c.Action != redisstore.KBPut {
			return nil, fail(Invalid, "停用操作没有可以更正的元数据。", "correct a retirement")
		}
		doc, kase, problems := knowledge.ParseText(c.ID, c.Text)
		if doc == nil && kase == nil {
			return nil, fail(Invalid, "暂存的内容无法读取，请重新上传文件。", "staged %s does not parse: %v", c.ID, problems)
		}
		if doc == nil {
			b.Items = append(b.Items, &importer.Item{Name: c.ID, Format: "case", Case: kase, Text: c.Text})
			continue
		}
		fixed := ""
		if id == "" || id == c.ID {
			if key == KeyID {
				if err := importer.Rename(doc, strings.TrimSpace(value)); err != nil {
					return nil, fail(Invalid, Message(err), "correct the id of %s: %v", c.ID, err)
				}
			} else if err := importer.SetField(doc, key, value); err != nil {
				return nil, fail(Invalid, Message(err), "correct %s of %s: %v", key, c.ID, err)
			}
			found, fixed = true, key
		}
		it, err := importer.Corrected(doc, fixed)
		if err != nil {
			return nil, fail(Invalid, Message(err), "corrected %s does not read back: %v", c.ID, err)
		}
		if fixed == KeyID {
			it.IDFrom = importer.IDFromStaff
		}
		b.Items = append(b.Items, it)
	}
	if key == KeyID && len(b.Items) != 1 {
		return nil, fail(Invalid, "一次导入多个文件时不能更正 id，请单独导入这份文件。", "correct the id in a change of %d items", len(b.Items))
	}
	if !found {
		return nil, fail(NotFound, "这次预览里没有这份文件。", "no document %s in pending change %s", id, token)
	}
	p, err := s.PreviewBatch(ctx, b, by)
	if err != nil {
		return nil, err
	}
	if err := s.store.KBDiscard(ctx, token); err != nil {
		return nil, unavailable("drop corrected change", err)
	}
	return p, nil
}
