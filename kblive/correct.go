package kblive

import (
	"context"
	"slices"
	"strings"

	"rongcuo/importer"
	"rongcuo/knowledge"
	"rongcuo/redisstore"
)

// KeyID is the key Correct takes for a document's id.
const KeyID = "id"

// Field is one correction: a metadata key (importer.MetaKeys) or KeyID,
// and its value.
type Field struct{ Key, Value string }

// Correct changes one metadata field (importer.MetaKeys: level, region,
// issuer, status, effective; or KeyID, the document's id) of a document in
// a staged import, and stages the corrected change in place of the old
// one: staff check what the preview read or guessed and fix it before
// confirming. id "" corrects every document of the change. Only the
// person who staged it may correct it; the old preview is gone once the
// new one is staged.
func (s *Service) Correct(ctx context.Context, token, by, id, key, value string) (*Preview, error) {
	return s.CorrectFields(ctx, token, by, id, []Field{{key, value}})
}

// CorrectFields makes several corrections at once, as Correct makes one:
// all of them or, when one is invalid, none.
func (s *Service) CorrectFields(ctx context.Context, token, by, id string, fields []Field) (*Preview, error) {
	if len(fields) == 0 {
		return nil, fail(Invalid, "没有需要更正的项。", "no correction")
	}
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
		var fixed []string
		if id == "" || id == c.ID {
			for _, f := range fields {
				if f.Key == KeyID {
					if err := importer.Rename(doc, strings.TrimSpace(f.Value)); err != nil {
						return nil, fail(Invalid, Message(err), "correct the id of %s: %v", c.ID, err)
					}
				} else if err := importer.SetField(doc, f.Key, f.Value); err != nil {
					return nil, fail(Invalid, Message(err), "correct %s of %s: %v", f.Key, c.ID, err)
				}
				fixed = append(fixed, f.Key)
			}
			found = true
		}
		it, err := importer.Corrected(doc, fixed...)
		if err != nil {
			return nil, fail(Invalid, Message(err), "corrected %s does not read back: %v", c.ID, err)
		}
		if slices.Contains(fixed, KeyID) {
			it.IDFrom = importer.IDFromStaff
		}
		b.Items = append(b.Items, it)
	}
	if slices.ContainsFunc(fields, func(f Field) bool { return f.Key == KeyID }) && len(b.Items) != 1 {
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
