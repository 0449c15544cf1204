package bot

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"rongcuo/advisor"
	"rongcuo/assess"
	"rongcuo/conversation"
	"rongcuo/knowledge"
)

// memStore is the conversation service's in-memory store with the bot's
// one-time notices beside it.
type memStore struct {
	*conversation.MemStore
	mu   sync.Mutex
	once map[string]bool
}

var _ Store = (*memStore)(nil)

func newMemStore() *memStore {
	return &memStore{MemStore: conversation.NewMemStore(20), once: map[string]bool{}}
}

func (m *memStore) setDown(d bool) { m.SetDown(d) }

func (m *memStore) records() []conversation.UsageRecord { return m.Records() }

func (m *memStore) Once(_ context.Context, chatID int64, name string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := fmt.Sprint(chatID, name)
	first := !m.once[k]
	m.once[k] = true
	return first, nil
}

// fakeAdvisor answers with what answer returns and remembers the questions.
type fakeAdvisor struct {
	mu     sync.Mutex
	asked  []advisor.Question
	answer func(q advisor.Question) (advisor.Advice, error)
}

var _ conversation.Advisor = (*fakeAdvisor)(nil)

func (f *fakeAdvisor) Advise(_ context.Context, q advisor.Question) (advisor.Advice, error) {
	f.mu.Lock()
	f.asked = append(f.asked, q)
	f.mu.Unlock()
	return f.answer(q)
}

func (f *fakeAdvisor) questions() []advisor.Question {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]advisor.Question(nil), f.asked...)
}

// assessing answers every question as a case needing one more fact.
func assessing(q advisor.Question) (advisor.Advice, error) {
	facts := assess.Facts{}
	for k, v := range q.Facts {
		facts[k] = v
	}
	facts[assess.Motive] = assess.Fact{Status: assess.Favourable, Evidence: q.Text}
	a := advisor.Advice{
		Intent: advisor.IntentAssessment, Verdict: assess.NeedsMoreFacts, Mode: advisor.ModeOffline, Facts: facts,
		Answer:    "**初步判断：需要补充事实。** 您说：" + q.Text + "\n\n- 动机：有利",
		Citations: []advisor.Citation{{ID: "wzcl-2019#17", Document: "中国共产党问责条例", Article: "第十七条"}},
		Cases:     []advisor.CaseRef{{ID: "case-1", Title: "某案"}},
	}
	if _, ok := q.Facts[assess.ExplicitBan]; !ok {
		a.FollowUps = []assess.FollowUp{{Key: assess.ExplicitBan, Question: "当时有文件明确禁止这种做法吗？", IfYes: assess.Unfavourable}}
		a.FollowUp = []string{a.FollowUps[0].Question}
	} else {
		a.Verdict = assess.LikelyTolerable
	}
	return a, nil
}

// fakeApply is a stand-in for assess.Apply.
func fakeApply(f assess.Facts, key string, r assess.Reply, question string) assess.Facts {
	out := assess.Facts{}
	for k, v := range f {
		out[k] = v
	}
	st := assess.Unknown
	switch r {
	case assess.Yes:
		st = assess.Unfavourable
	case assess.No:
		st = assess.Favourable
	}
	out[key] = assess.Fact{Status: st, Evidence: question, Answered: true}
	return out
}

// fakeLibrary holds a few provisions and cases.
type fakeLibrary struct{ provs []*knowledge.Provision }

var _ Library = (*fakeLibrary)(nil)

func newFakeLibrary() *fakeLibrary {
	return &fakeLibrary{provs: []*knowledge.Provision{
		{ID: "wzcl-2019#17", Document: "中国共产党问责条例", Article: "第十七条", Text: "有下列情形之一的，可以不予问责或者免予问责：<一>", Verified: true},
		{ID: strings.Repeat("很长的文件名", 5) + "#3", Document: "很长的文件", Article: "第三条", Text: "长编号条文"},
	}}
}

func (l *fakeLibrary) Provision(id string) *knowledge.Provision {
	for _, p := range l.provs {
		if p.ID == id {
			return p
		}
	}
	return nil
}

func (l *fakeLibrary) Provisions() []*knowledge.Provision { return l.provs }

func (l *fakeLibrary) SearchProvisions(q string, n int) []*knowledge.Provision {
	if strings.Contains(q, "问责") {
		return l.provs[:1]
	}
	return nil
}

func (l *fakeLibrary) SearchCases(q string, n int) []*knowledge.Case {
	if strings.Contains(q, "招商") {
		return []*knowledge.Case{{ID: "c1", Title: "容缺审批案", Region: "江苏淮安", Year: "2023", Outcome: "容错免责", Facts: "先办手续后补材料<>"}}
	}
	return nil
}

// sent is one request recorded by fakeSender.
type sent struct {
	Method  string
	Out     Out
	EditID  int
	CBID    string
	CBText  string
	At      time.Time
	Refused bool
}

// fakeSender records requests; reject, when set, refuses matching ones.
type fakeSender struct {
	mu      sync.Mutex
	log     []sent
	nextID  int
	reject  func(method string, m Out) error
	changed chan struct{}
}

var _ Sender = (*fakeSender)(nil)

func newFakeSender() *fakeSender { return &fakeSender{changed: make(chan struct{})} }

func (f *fakeSender) add(s sent) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	s.At = time.Now()
	var err error
	if f.reject != nil {
		err = f.reject(s.Method, s.Out)
	}
	s.Refused = err != nil
	f.log = append(f.log, s)
	close(f.changed)
	f.changed = make(chan struct{})
	return err
}

func (f *fakeSender) Send(_ context.Context, m Out) (int, error) {
	if err := f.add(sent{Method: "send", Out: m}); err != nil {
		return 0, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextID++
	return f.nextID, nil
}

func (f *fakeSender) Edit(_ context.Context, id int, m Out) error {
	return f.add(sent{Method: "edit", Out: m, EditID: id})
}

func (f *fakeSender) AnswerCallback(_ context.Context, id, text string) error {
	return f.add(sent{Method: "callback", CBID: id, CBText: text})
}

func (f *fakeSender) Typing(_ context.Context, chatID int64) error {
	return f.add(sent{Method: "typing", Out: Out{ChatID: chatID}})
}

func (f *fakeSender) all() []sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]sent(nil), f.log...)
}

// wait blocks until cond holds, waking on every request, for at most five
// seconds.
func (f *fakeSender) wait(what string, cond func() bool) error {
	deadline := time.After(5 * time.Second)
	for {
		// Taken before cond, so a request in between still wakes us.
		f.mu.Lock()
		ch := f.changed
		f.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-ch:
		case <-deadline:
			return fmt.Errorf("timed out waiting for %s", what)
		}
	}
}

func (f *fakeSender) of(method string) []sent {
	var out []sent
	for _, s := range f.all() {
		if s.Method == method {
			out = append(out, s)
		}
	}
	return out
}
