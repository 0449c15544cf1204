package kblive

import (
	"context"
	"fmt"

	"rongcuo/knowledge"
	"rongcuo/redisstore"
)

// Seed fills an empty live knowledge base with kb (the embedded corpus, as
// a rule); it reports false, writing nothing, when there is one already.
// Replicas starting together may all try: one seeds, the others see it done.
func (s *Service) Seed(ctx context.Context, kb *knowledge.KB) (bool, error) {
	v, err := s.store.KBVersion(ctx)
	if err != nil {
		return false, unavailable("seed", err)
	}
	if v > 0 {
		return false, nil
	}
	st := redisstore.KBStage{Token: "seed-" + randomToken(), By: "seed", Seed: true, TTL: s.opt.PendingTTL,
		Summary: fmt.Sprintf("初始化：%d 份文件、%d 个案例", len(kb.Documents), len(kb.Cases)),
		Tables:  map[string]string{"synonyms.txt": string(knowledge.FormatSynonyms(kb.Synonyms)), "terms.txt": string(knowledge.FormatTerms(kb.Terms))}}
	for _, d := range kb.Documents {
		st.Changes = append(st.Changes, redisstore.KBChange{ID: d.ID, Action: redisstore.KBPut, Text: string(knowledge.FormatDocument(d)), Summary: "初始化：《" + d.Title + "》"})
	}
	for _, c := range kb.Cases {
		st.Changes = append(st.Changes, redisstore.KBChange{ID: c.ID, Action: redisstore.KBPut, Text: string(knowledge.FormatCase(c)), Summary: "初始化：案例《" + c.Title + "》"})
	}
	if err := s.store.KBStage(ctx, st); err != nil {
		return false, unavailable("seed", err)
	}
	res, err := s.store.KBCommit(ctx, st.Token, st.By, s.opt.Now())
	if err != nil {
		return false, unavailable("seed", err)
	}
	return res.Version > 0, nil
}

// Snapshot is the live knowledge base at one version.
type Snapshot struct {
	Version  int64
	KB       *knowledge.KB
	Problems []knowledge.Problem // stored texts that did not load (none unless edited outside the service)
}

// Load reads and parses the whole live knowledge base.
func (s *Service) Load(ctx context.Context) (*Snapshot, error) {
	return load(ctx, s.store)
}

func load(ctx context.Context, store Store) (*Snapshot, error) {
	snap, err := store.KBSnapshot(ctx)
	if err != nil {
		return nil, unavailable("load", err)
	}
	kb, problems := knowledge.LoadTexts(snap.Items, snap.Tables["synonyms.txt"], snap.Tables["terms.txt"])
	return &Snapshot{Version: snap.Version, KB: kb, Problems: problems}, nil
}

// History returns every revision of a document or case, oldest first.
func (s *Service) History(ctx context.Context, id string) ([]redisstore.KBRevision, error) {
	h, err := s.store.KBHistory(ctx, id)
	if err != nil {
		return nil, unavailable("history", err)
	}
	if len(h) == 0 {
		return nil, fail(NotFound, fmt.Sprintf("知识库里没有 id 为“%s”的文件或案例，也没有它的历史。", id), "no history for %s", id)
	}
	return h, nil
}

// Revision returns the knowledge file of one revision.
func (s *Service) Revision(ctx context.Context, id string, rev int64) (string, error) {
	text, ok, err := s.store.KBRevisionText(ctx, id, rev)
	if err != nil {
		return "", unavailable("revision", err)
	}
	if !ok {
		return "", fail(NotFound, fmt.Sprintf("“%s”没有第 %d 版的内容（版本不存在，或那一版是停用记录）。用 kb history 查看有哪些版本。", id, rev),
			"no text for %s revision %d", id, rev)
	}
	return text, nil
}

// Diff compares two revisions of a document or case.
func (s *Service) Diff(ctx context.Context, id string, from, to int64) (*Diff, error) {
	a, err := s.Revision(ctx, id, from)
	if err != nil {
		return nil, err
	}
	b, err := s.Revision(ctx, id, to)
	if err != nil {
		return nil, err
	}
	d, err := compare(id, a, b)
	if err != nil {
		return nil, unavailable("diff", err)
	}
	return d, nil
}

// Status is the state of the live knowledge base for /kbstatus.
type Status struct {
	Version    int64
	Documents  int
	Cases      int
	Provisions int
	Recent     []redisstore.KBLogEntry
}

// Status reads the version, the counts and the last changes.
func (s *Service) Status(ctx context.Context, recent int) (Status, error) {
	snap, err := s.Load(ctx)
	if err != nil {
		return Status{}, err
	}
	log, err := s.store.KBLog(ctx, int64(recent))
	if err != nil {
		return Status{}, unavailable("status", err)
	}
	return Status{Version: snap.Version, Documents: len(snap.KB.Documents), Cases: len(snap.KB.Cases),
		Provisions: len(snap.KB.Provisions()), Recent: log}, nil
}
