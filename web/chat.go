package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"sync"
	"time"

	"rongcuo/advisor"
	"rongcuo/assess"
	"rongcuo/conversation"
	"rongcuo/internal/clip"
)

// The cadre's pages: the chat, follow-up answers, ratings, a new case, the
// provisions and cases an answer cites, past conversations and forgetting.
// The chat streams when the page's script asks for it (X-Stream: 1): the
// answer arrives as JSON lines; without the script the form posts and the
// answer comes back as a page.

type chatPage struct {
	Turns       []advisor.Turn
	Live        *answerView // the open follow-up questions of the case
	Answer      *answerView // the answer just given (no script)
	Notices     []string
	HistoryDown bool
}

// answerView is one answer as the page shows it.
type answerView struct {
	ID        string
	HTML      template.HTML
	Citations []advisor.Citation
	Cases     []advisor.CaseRef
	FollowUps []assess.FollowUp
	Failed    bool
	CSRF      string
	Replies   []replyChoice
}

type replyChoice struct{ Value, Label string }

var replies = []replyChoice{{string(assess.Yes), "是"}, {string(assess.No), "否"}, {string(assess.NotSure), "不清楚"}}

func (s *Server) chatShow(w http.ResponseWriter, r *http.Request, q *request) {
	s.render(w, r, q, http.StatusOK, "chat", "容错纠错助手", s.chatData(q, s.transcript(r, q)))
}

func (s *Server) load(r *http.Request, q *request, count bool) conversation.State {
	return s.cfg.Service.Load(r.Context(), conversation.Begin{ChatID: q.person.ID, UserID: q.person.ID, Count: count, Now: s.cfg.Now()})
}

// transcript loads the chat with its answers' text, for the page that shows
// the conversation.
func (s *Server) transcript(r *http.Request, q *request) conversation.State {
	return s.cfg.Service.Load(r.Context(), conversation.Begin{ChatID: q.person.ID, UserID: q.person.ID, Now: s.cfg.Now(), Transcript: true})
}

func (s *Server) chatData(q *request, st conversation.State) chatPage {
	p := chatPage{Turns: st.Turns, HistoryDown: !st.OK}
	if c := st.Case; c.AnswerID != "" && len(c.FollowUps) > 0 {
		p.Live = &answerView{ID: c.AnswerID, FollowUps: c.FollowUps, CSRF: q.sess.CSRF, Replies: replies}
	}
	return p
}

func (q *request) chat() conversation.Chat {
	return conversation.Chat{ID: q.person.ID, Type: conversation.ChatWeb}
}

func (s *Server) ask(w http.ResponseWriter, r *http.Request, q *request) {
	text := strings.TrimSpace(r.PostFormValue("question"))
	st := s.load(r, q, true)
	out := s.output(w, r, q)
	s.cfg.Service.Ask(r.Context(), conversation.Question{Person: q.person, Chat: q.chat(), Received: s.cfg.Now(), Text: text, State: st}, out)
	out.finish(st)
}

func (s *Server) followUp(w http.ResponseWriter, r *http.Request, q *request) {
	reply := assess.Reply(r.PostFormValue("reply"))
	if reply != assess.Yes && reply != assess.No && reply != assess.NotSure {
		s.fail(w, r, q, http.StatusBadRequest, txtBadRequest)
		return
	}
	st := s.load(r, q, true)
	out := s.output(w, r, q)
	s.cfg.Service.Follow(r.Context(), conversation.FollowUp{Person: q.person, Chat: q.chat(), Received: s.cfg.Now(), State: st,
		AnswerID: r.PostFormValue("answer"), Key: r.PostFormValue("key"), Reply: reply}, out)
	out.finish(st)
}

// output is a streamed output when the script asked for one, a page
// otherwise.
func (s *Server) output(w http.ResponseWriter, r *http.Request, q *request) webOutput {
	if f, ok := w.(http.Flusher); ok && r.Header.Get("X-Stream") == "1" {
		w.Header().Set("Content-Type", "application/x-ndjson; charset=utf-8")
		w.Header().Set("X-Accel-Buffering", "no")
		w.WriteHeader(http.StatusOK)
		return &streamOutput{s: s, q: q, w: w, f: f, enc: json.NewEncoder(w)}
	}
	return &pageOutput{s: s, w: w, r: r, q: q}
}

type webOutput interface {
	conversation.Output
	finish(st conversation.State)
}

func (s *Server) answerView(q *request, a conversation.Answer) *answerView {
	text := a.Body // the follow-up questions come with their buttons
	if text == "" {
		text = a.Text
	}
	v := &answerView{ID: a.ID, HTML: markdownHTML(text), Failed: a.Failed, CSRF: q.sess.CSRF, Replies: replies}
	if !a.Failed {
		v.Citations, v.Cases, v.FollowUps = a.Advice.Citations, a.Advice.Cases, a.Advice.FollowUps
	}
	return v
}

// streamOutput writes JSON lines: notices, the text so far (at most five
// times a second) and the final answer's HTML.
type streamOutput struct {
	s    *Server
	q    *request
	w    http.ResponseWriter
	f    http.Flusher
	enc  *json.Encoder
	mu   sync.Mutex
	last time.Time
}

type event struct {
	Type string `json:"type"` // notice, partial or answer
	Text string `json:"text,omitempty"`
	HTML string `json:"html,omitempty"`
	ID   string `json:"id,omitempty"`
}

func (o *streamOutput) send(e event) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if err := o.enc.Encode(e); err == nil {
		o.f.Flush()
	}
}

func (o *streamOutput) Notice(text string) { o.send(event{Type: "notice", Text: text}) }

func (o *streamOutput) Start() func(string) {
	return func(sofar string) {
		o.mu.Lock()
		due := time.Since(o.last) >= 200*time.Millisecond
		if due {
			o.last = time.Now()
		}
		o.mu.Unlock()
		if due {
			o.send(event{Type: "partial", Text: sofar})
		}
	}
}

func (o *streamOutput) Answer(a conversation.Answer) {
	html, err := o.s.fragment("chat", "answer", o.s.answerView(o.q, a))
	if err != nil {
		o.s.log.Error("answer not rendered", "err", err)
		o.send(event{Type: "notice", Text: conversation.TextSorry})
		return
	}
	o.send(event{Type: "answer", HTML: html, ID: a.ID})
}

func (o *streamOutput) finish(conversation.State) {}

// pageOutput collects what the service says and shows it as the chat page.
type pageOutput struct {
	s       *Server
	w       http.ResponseWriter
	r       *http.Request
	q       *request
	notices []string
	answer  *answerView
}

func (o *pageOutput) Notice(text string)           { o.notices = append(o.notices, text) }
func (o *pageOutput) Start() func(string)          { return nil }
func (o *pageOutput) Answer(a conversation.Answer) { o.answer = o.s.answerView(o.q, a) }

func (o *pageOutput) finish(st conversation.State) {
	p := o.s.chatData(o.q, o.s.transcript(o.r, o.q))
	p.Notices, p.Answer, p.HistoryDown = o.notices, o.answer, !st.OK
	if o.answer != nil {
		p.Live = nil // the answer carries its own follow-up buttons
	}
	o.s.render(o.w, o.r, o.q, http.StatusOK, "chat", "容错纠错助手", p)
}

func (s *Server) feedback(w http.ResponseWriter, r *http.Request, q *request) {
	id := r.PostFormValue("answer")
	if !conversation.IsAnswerID(id) {
		s.fail(w, r, q, http.StatusBadRequest, txtBadRequest)
		return
	}
	up := r.PostFormValue("rating") == "up"
	reason := r.PostFormValue("reason")
	if len([]rune(reason)) > 500 {
		reason = string([]rune(reason)[:500])
	}
	msg, status := txtRated, http.StatusOK
	if !up && strings.TrimSpace(reason) != "" {
		msg = txtRatedReason
	}
	if err := s.cfg.Service.Rate(r.Context(), conversation.Rating{Person: q.person, Chat: q.chat(), AnswerID: id, Up: up, Reason: reason}); err != nil {
		msg, status = txtRateFailed, http.StatusServiceUnavailable
	}
	if r.Header.Get("X-Stream") == "1" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(event{Type: "notice", Text: msg})
		return
	}
	s.render(w, r, q, status, "notice", "评价", struct{ Msg, Back string }{msg, "/"})
}

func (s *Server) newCase(w http.ResponseWriter, r *http.Request, q *request) {
	st := s.load(r, q, false)
	if err := s.cfg.Service.NewCase(r.Context(), q.person, q.chat(), st, s.cfg.Now()); err != nil {
		s.fail(w, r, q, http.StatusServiceUnavailable, conversation.TextStoreDown)
		return
	}
	http.Redirect(w, r, "/?new=1", http.StatusSeeOther)
}

func (s *Server) provisionShow(w http.ResponseWriter, r *http.Request, q *request) {
	p := s.cfg.Index().KB().Provision(r.URL.Query().Get("id"))
	if p == nil {
		s.fail(w, r, q, http.StatusNotFound, txtNoProvision)
		return
	}
	s.render(w, r, q, http.StatusOK, "provision", "《"+p.Document+"》"+p.Article, p)
}

func (s *Server) caseShow(w http.ResponseWriter, r *http.Request, q *request) {
	c := s.cfg.Index().KB().Case(r.URL.Query().Get("id"))
	if c == nil {
		s.fail(w, r, q, http.StatusNotFound, txtNoCase)
		return
	}
	s.render(w, r, q, http.StatusOK, "case", c.Title, c)
}

type historyItem struct {
	ID, Title string
	Started   time.Time
	Turns     int
	Current   bool
}

// historyList lists the person's own conversations: only the chat of the
// signed-in user is ever read, so no id reaches another's.
func (s *Server) historyList(w http.ResponseWriter, r *http.Request, q *request) {
	convs, err := s.cfg.Service.History(r.Context(), q.person)
	if err != nil {
		s.fail(w, r, q, http.StatusServiceUnavailable, conversation.TextStoreDown)
		return
	}
	st := s.load(r, q, false)
	var items []historyItem
	for _, c := range convs {
		if c.CaseID == "" || len(c.Turns) == 0 {
			continue
		}
		items = append(items, historyItem{ID: c.CaseID, Title: clip.Line(c.Turns[0].Text, 40), Started: c.Turns[0].At, Turns: len(c.Turns), Current: c.CaseID == st.Case.ID})
	}
	s.render(w, r, q, http.StatusOK, "history", "我的对话", items)
}

func (s *Server) historyShow(w http.ResponseWriter, r *http.Request, q *request) {
	id := r.PathValue("id")
	convs, err := s.cfg.Service.History(r.Context(), q.person)
	if err != nil {
		s.fail(w, r, q, http.StatusServiceUnavailable, conversation.TextStoreDown)
		return
	}
	for _, c := range convs {
		if c.CaseID == id && id != "" {
			s.render(w, r, q, http.StatusOK, "conversation", "对话记录", c)
			return
		}
	}
	s.fail(w, r, q, http.StatusNotFound, txtNoConversation)
}

func (s *Server) forgetShow(w http.ResponseWriter, r *http.Request, q *request) {
	s.render(w, r, q, http.StatusOK, "forget", "删除我的记录", nil)
}

func (s *Server) forgetDo(w http.ResponseWriter, r *http.Request, q *request) {
	n, err := s.cfg.Service.Forget(r.Context(), q.person)
	if err != nil {
		s.fail(w, r, q, http.StatusServiceUnavailable, txtForgetFailed)
		return
	}
	s.render(w, r, q, http.StatusOK, "notice", "删除我的记录", struct{ Msg, Back string }{fmt.Sprintf(txtForgetDone, n), "/"})
}
