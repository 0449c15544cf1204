package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"rongcuo/importer"
	"rongcuo/internal/clip"
	"rongcuo/kblive"
	"rongcuo/knowledge"
	"rongcuo/redisstore"
)

// The staff pages: the knowledge base with filters, a document or provision
// with its versions and a diff between any two, uploads and retirements with
// the same preview and confirmation as the bot and the command line, the case
// editor, the retrieval test and the 👎 queue.

// by names a staff member in the knowledge base's change log.
func (q *request) by() string { return "web:" + q.sess.Name }

type kbFilter struct {
	Level, Region, Status, Verification, Q string
}

type kbListPage struct {
	Filter        kbFilter
	Documents     []*knowledge.Document
	Cases         []*knowledge.Case
	Levels        []string
	Statuses      []string
	Verifications []string
	Total         int
}

var (
	docStatuses   = knowledge.Statuses
	verifications = []string{knowledge.Verified, knowledge.Partial, knowledge.Unverified}
)

func (s *Server) kbList(w http.ResponseWriter, r *http.Request, q *request) {
	v := r.URL.Query()
	f := kbFilter{Level: v.Get("level"), Region: strings.TrimSpace(v.Get("region")), Status: v.Get("status"),
		Verification: v.Get("verification"), Q: strings.TrimSpace(v.Get("q"))}
	kb := s.cfg.Index().KB()
	p := kbListPage{Filter: f, Levels: knowledge.Levels, Statuses: docStatuses, Verifications: verifications}
	for _, d := range kb.Documents {
		p.Total++
		if (f.Level == "" || d.Level == f.Level) && (f.Status == "" || d.Status == f.Status) &&
			(f.Verification == "" || d.Verification == f.Verification) && (f.Region == "" || strings.Contains(d.Region, f.Region)) &&
			(f.Q == "" || strings.Contains(d.Title, f.Q) || strings.Contains(d.ID, f.Q)) {
			p.Documents = append(p.Documents, d)
		}
	}
	for _, c := range kb.Cases {
		if f.Level == "" && f.Status == "" && (f.Verification == "" || c.Verification == f.Verification) &&
			(f.Region == "" || strings.Contains(c.Region, f.Region)) && (f.Q == "" || strings.Contains(c.Title, f.Q) || strings.Contains(c.ID, f.Q)) {
			p.Cases = append(p.Cases, c)
		}
	}
	s.render(w, r, q, http.StatusOK, "kb", "知识库", p)
}

type versionsPage struct {
	ID        string
	Doc       *knowledge.Document
	Case      *knowledge.Case
	Provision *knowledge.Provision
	Versions  []redisstore.KBRevision
	Error     string
	CanRetire bool
}

func (s *Server) versions(r *http.Request, id string) ([]redisstore.KBRevision, string) {
	if s.cfg.KB == nil {
		return nil, txtKBOff
	}
	vs, err := s.cfg.KB.History(r.Context(), id)
	if err != nil {
		return nil, kblive.Message(err)
	}
	return vs, ""
}

func (s *Server) kbDoc(w http.ResponseWriter, r *http.Request, q *request) {
	id := r.URL.Query().Get("id")
	kb := s.cfg.Index().KB()
	p := versionsPage{ID: id, Doc: kb.Document(id), Case: kb.Case(id), CanRetire: s.cfg.KB != nil}
	if p.Doc == nil && p.Case == nil {
		s.fail(w, r, q, http.StatusNotFound, "没有找到这个文件或案例。")
		return
	}
	p.Versions, p.Error = s.versions(r, id)
	s.render(w, r, q, http.StatusOK, "kbdoc", id, p)
}

func (s *Server) kbProvision(w http.ResponseWriter, r *http.Request, q *request) {
	p := s.cfg.Index().KB().Provision(r.URL.Query().Get("id"))
	if p == nil {
		s.fail(w, r, q, http.StatusNotFound, txtNoProvision)
		return
	}
	page := versionsPage{ID: p.DocID, Provision: p, Doc: p.Doc}
	page.Versions, page.Error = s.versions(r, p.DocID)
	s.render(w, r, q, http.StatusOK, "kbprovision", p.ID, page)
}

type diffPage struct {
	ID       string
	From, To int64
	Diff     *kblive.Diff
	Error    string
}

func (s *Server) kbDiff(w http.ResponseWriter, r *http.Request, q *request) {
	v := r.URL.Query()
	p := diffPage{ID: v.Get("id")}
	var err1, err2 error
	p.From, err1 = strconv.ParseInt(v.Get("from"), 10, 64)
	p.To, err2 = strconv.ParseInt(v.Get("to"), 10, 64)
	switch {
	case err1 != nil || err2 != nil || p.ID == "":
		s.fail(w, r, q, http.StatusBadRequest, "请选择要比较的两个版本。")
		return
	case s.cfg.KB == nil:
		p.Error = txtKBOff
	default:
		d, err := s.cfg.KB.Diff(r.Context(), p.ID, p.From, p.To)
		if err != nil {
			p.Error = kblive.Message(err)
		}
		p.Diff = d
	}
	s.render(w, r, q, http.StatusOK, "kbdiff", "版本比较", p)
}

// uploadForm is the upload page: the metadata every file without front
// matter gets, which staff can correct and preview again.
type uploadForm struct {
	Meta          importer.Metadata
	ID            string // staff's id for the one file uploaded
	Force         bool   // 仍然导入: take files that do not look like policies
	Levels        []string
	Statuses      []string
	Verifications []string
	Preview       *kblive.Preview
	// Read is what each previewed document's metadata came out as, by id,
	// for staff to check before 确认 (and correct above, then preview again).
	Read map[string]docMeta
	// Fix is the one staged document whose id and fields can be corrected
	// in place (kblive.Service.Correct), without uploading it again.
	Fix   *kblive.PreviewItem
	Error string
	Done  string
}

// docMeta is a previewed document's metadata as read: from its front
// matter, the form's values, or the importer's own reading of the text.
type docMeta struct {
	Level, Region, Issuer, Number, Status, Effective, Verification string
	IDNote                                                         string                        // where the id came from
	Fields                                                         map[string]importer.MetaField // by key, with the guesses flagged
}

// readMeta is the metadata of the previewed documents, by id.
func readMeta(p *kblive.Preview, b *importer.Batch) map[string]docMeta {
	out := map[string]docMeta{}
	docs := map[string]*knowledge.Document{}
	if b != nil {
		for _, it := range b.Items {
			if it.Doc != nil {
				docs[it.ID()] = it.Doc
			}
		}
	}
	for _, it := range p.Items {
		if it.Kind != "document" || it.Change == "停用" {
			continue
		}
		m := docMeta{IDNote: importer.IDNotes[it.IDFrom], Fields: map[string]importer.MetaField{}}
		for _, f := range it.Meta {
			m.Fields[f.Key] = f
		}
		m.Level, m.Region, m.Issuer = m.Fields[importer.MetaLevel].Value, m.Fields[importer.MetaRegion].Value, m.Fields[importer.MetaIssuer].Value
		m.Status, m.Effective = m.Fields[importer.MetaStatus].Value, m.Fields[importer.MetaEffective].Value
		if d := docs[it.ID]; d != nil {
			m.Number, m.Verification = d.Number, d.Verification
			m.Level, m.Region, m.Issuer, m.Status, m.Effective = d.Level, d.Region, d.Issuer, d.Status, d.Effective
		}
		out[it.ID] = m
	}
	return out
}

// fixable is the one document of a staged upload, which staff may correct
// in place.
func fixable(p *kblive.Preview) *kblive.PreviewItem {
	if p == nil || p.Token == "" || len(p.Items) != 1 || p.Items[0].Kind != "document" || len(p.Items[0].Meta) == 0 {
		return nil
	}
	return &p.Items[0]
}

func (s *Server) uploadPage(m importer.Metadata) uploadForm {
	return uploadForm{Meta: m, Levels: knowledge.Levels, Statuses: docStatuses, Verifications: verifications}
}

func (s *Server) uploadShow(w http.ResponseWriter, r *http.Request, q *request) {
	s.render(w, r, q, http.StatusOK, "upload", "上传文件", s.uploadPage(importer.Metadata{}))
}

// uploadPreview reads the uploaded files with the form's metadata and
// stages them; nothing is stored until 确认.
func (s *Server) uploadPreview(w http.ResponseWriter, r *http.Request, q *request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUpload+1<<20)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.fail(w, r, q, http.StatusRequestEntityTooLarge, txtTooLarge)
			return
		}
		s.fail(w, r, q, http.StatusBadRequest, txtBadRequest)
		return
	}
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	m := importer.Metadata{Level: r.FormValue("level"), Status: r.FormValue("status"), Region: strings.TrimSpace(r.FormValue("region")),
		Verification: r.FormValue("verification"), Issuer: strings.TrimSpace(r.FormValue("issuer")), Source: strings.TrimSpace(r.FormValue("source")),
		Effective: strings.TrimSpace(r.FormValue("effective"))}
	p := s.uploadPage(m)
	p.ID, p.Force = strings.TrimSpace(r.FormValue("id")), r.FormValue("force") == "1"
	if s.cfg.KB == nil {
		p.Error = txtKBOff
		s.render(w, r, q, http.StatusServiceUnavailable, "upload", "上传文件", p)
		return
	}
	if err := m.Check(); err != nil {
		p.Error = kblive.Message(err)
		s.render(w, r, q, http.StatusBadRequest, "upload", "上传文件", p)
		return
	}
	if p.ID != "" {
		if err := importer.CheckID(p.ID); err != nil {
			p.Error = kblive.Message(err)
			s.render(w, r, q, http.StatusBadRequest, "upload", "上传文件", p)
			return
		}
	}
	var files []importer.Source
	if r.MultipartForm != nil {
		for _, fh := range r.MultipartForm.File["files"] {
			f, err := fh.Open()
			if err != nil {
				continue
			}
			data, err := io.ReadAll(io.LimitReader(f, s.cfg.MaxUpload+1))
			f.Close()
			if err == nil {
				files = append(files, importer.Source{Name: fh.Filename, Data: data})
			}
		}
	}
	if len(files) == 0 {
		p.Error = txtNoFiles
		s.render(w, r, q, http.StatusBadRequest, "upload", "上传文件", p)
		return
	}
	if p.ID != "" && len(files) > 1 {
		p.Error = txtOneFileForID
		s.render(w, r, q, http.StatusBadRequest, "upload", "上传文件", p)
		return
	}
	opt := s.cfg.Import
	opt.Defaults, opt.ID, opt.Force = m, p.ID, p.Force
	batch := importer.Files(files, opt)
	prev, err := s.cfg.KB.PreviewBatch(r.Context(), batch, q.by())
	if err != nil {
		p.Error = kblive.Message(err)
		s.render(w, r, q, http.StatusOK, "upload", "上传文件", p)
		return
	}
	p.Preview, p.Read, p.Fix = prev, readMeta(prev, batch), fixable(prev)
	s.render(w, r, q, http.StatusOK, "upload", "上传预览", p)
}

// uploadCorrect corrects the id and fields of the one document of a staged
// upload, as the bot's buttons and replies and kb import's flags do: the
// values that differ from the preview's are set, all or none, and the
// corrected change replaces the previewed one.
func (s *Server) uploadCorrect(w http.ResponseWriter, r *http.Request, q *request) {
	p := s.uploadPage(importer.Metadata{})
	if s.cfg.KB == nil {
		p.Error = txtKBOff
		s.render(w, r, q, http.StatusServiceUnavailable, "upload", "上传文件", p)
		return
	}
	var fields []kblive.Field
	for _, key := range append([]string{kblive.KeyID}, importer.MetaKeys...) {
		v := strings.TrimSpace(r.PostFormValue(key))
		if v != strings.TrimSpace(r.PostFormValue("was_"+key)) && (key != kblive.KeyID || v != "") {
			fields = append(fields, kblive.Field{Key: key, Value: v})
		}
	}
	if len(fields) == 0 {
		p.Error = txtNothingCorrected
		s.render(w, r, q, http.StatusOK, "upload", "上传预览", p)
		return
	}
	prev, err := s.cfg.KB.CorrectFields(r.Context(), r.PostFormValue("token"), q.by(), "", fields)
	if err != nil {
		s.log.Info("upload not corrected", "by", q.by(), "err", err)
		p.Error = kblive.Message(err) + txtCorrectBack
		s.render(w, r, q, http.StatusUnprocessableEntity, "upload", "上传预览", p)
		return
	}
	p.Preview, p.Read, p.Fix = prev, readMeta(prev, nil), fixable(prev)
	s.render(w, r, q, http.StatusOK, "upload", "上传预览", p)
}

func (s *Server) kbConfirm(w http.ResponseWriter, r *http.Request, q *request) {
	if s.cfg.KB == nil {
		s.fail(w, r, q, http.StatusServiceUnavailable, txtKBOff)
		return
	}
	res, err := s.cfg.KB.Confirm(r.Context(), r.PostFormValue("token"), q.by())
	if err != nil {
		s.log.Info("knowledge-base change not confirmed", "by", q.by(), "err", err)
		s.render(w, r, q, http.StatusConflict, "notice", "知识库", struct{ Msg, Back string }{kblive.Message(err), "/kb"})
		return
	}
	s.log.Info("knowledge base changed", "by", q.by(), "version", res.Version, "items", res.Items)
	s.render(w, r, q, http.StatusOK, "notice", "知识库", struct{ Msg, Back string }{fmt.Sprintf(txtConfirmed, res.Version, res.Items), "/kb"})
}

func (s *Server) kbCancel(w http.ResponseWriter, r *http.Request, q *request) {
	if s.cfg.KB != nil {
		if err := s.cfg.KB.Cancel(r.Context(), r.PostFormValue("token")); err != nil {
			s.log.Warn("cancel failed", "err", err)
		}
	}
	s.render(w, r, q, http.StatusOK, "notice", "知识库", struct{ Msg, Back string }{txtCancelled, "/kb"})
}

func (s *Server) retireShow(w http.ResponseWriter, r *http.Request, q *request) {
	id := r.URL.Query().Get("id")
	s.render(w, r, q, http.StatusOK, "retire", "停用", struct{ ID string }{id})
}

func (s *Server) retirePreview(w http.ResponseWriter, r *http.Request, q *request) {
	if s.cfg.KB == nil {
		s.fail(w, r, q, http.StatusServiceUnavailable, txtKBOff)
		return
	}
	prev, err := s.cfg.KB.PreviewRetire(r.Context(), strings.TrimSpace(r.PostFormValue("id")), q.by())
	p := s.uploadPage(importer.Metadata{})
	if err != nil {
		p.Error = kblive.Message(err)
	}
	p.Preview = prev
	s.render(w, r, q, http.StatusOK, "upload", "停用预览", p)
}

// caseForm is the case editor.
type caseForm struct {
	In       kblive.CaseInput
	Criteria string
	Fields   []string
	Outcomes []string
	Verifs   []string
	Errors   []string
	Preview  *kblive.Preview
	// The 示例 rule, as knowledge checks it.
	Mark, RegionMark, Source string
}

func newCaseForm() caseForm {
	return caseForm{Fields: knowledge.Fields, Outcomes: knowledge.Outcomes, Verifs: verifications,
		Mark: knowledge.IllustrativeTitleMark, RegionMark: knowledge.IllustrativeRegionMark, Source: knowledge.IllustrativeSource}
}

func (s *Server) caseEdit(w http.ResponseWriter, r *http.Request, q *request) {
	s.render(w, r, q, http.StatusOK, "caseedit", "新增案例", newCaseForm())
}

// caseSave validates the case (required fields, the 示例 rule) through the
// knowledge base's own check and stages it for confirmation.
func (s *Server) caseSave(w http.ResponseWriter, r *http.Request, q *request) {
	f := newCaseForm()
	f.Criteria = r.PostFormValue("criteria")
	f.In = kblive.CaseInput{
		Title: r.PostFormValue("title"), Region: r.PostFormValue("region"), Year: strings.TrimSpace(r.PostFormValue("year")),
		Field: r.PostFormValue("field"), Outcome: r.PostFormValue("outcome"), Facts: r.PostFormValue("facts"),
		Handling: r.PostFormValue("handling"), Reasons: r.PostFormValue("reasons"), Source: r.PostFormValue("source"),
		Illustrative: r.PostFormValue("illustrative") == "1", Verification: r.PostFormValue("verification"),
	}
	f.In.Criteria = strings.FieldsFunc(f.Criteria, func(r rune) bool { return r == '、' || r == ',' || r == '，' || unicode.IsSpace(r) })
	if s.cfg.KB == nil {
		f.Errors = []string{txtKBOff}
		s.render(w, r, q, http.StatusServiceUnavailable, "caseedit", "新增案例", f)
		return
	}
	prev, err := s.cfg.KB.PreviewCase(r.Context(), f.In, q.by())
	if err != nil {
		f.Errors = strings.Split(kblive.Message(err), "\n")
		s.render(w, r, q, http.StatusUnprocessableEntity, "caseedit", "新增案例", f)
		return
	}
	f.Preview = prev
	s.render(w, r, q, http.StatusOK, "caseedit", "案例预览", f)
}

type searchHit struct {
	ID, Title, Kind, Text string
	Score                 float64
	Matched               []string
	Link                  string
}

type searchPage struct {
	Q          string
	Provisions []searchHit
	Cases      []searchHit
}

// kbSearch is the retrieval test: the ranked provisions and cases for a
// question, with their scores and the words of the question they contain.
func (s *Server) kbSearch(w http.ResponseWriter, r *http.Request, q *request) {
	p := searchPage{Q: strings.TrimSpace(r.URL.Query().Get("q"))}
	if p.Q != "" {
		ix := s.cfg.Index()
		provs, cases := ix.Search(p.Q, knowledge.SearchOptions{Limit: 10}, knowledge.SearchOptions{Limit: 5})
		words := queryWords(p.Q)
		for _, h := range provs {
			pr := h.Provision
			p.Provisions = append(p.Provisions, searchHit{ID: pr.ID, Title: "《" + pr.Document + "》" + pr.Article, Kind: "provision",
				Text: clip.Line(pr.Text, 120), Score: h.Score, Matched: matched(words, pr.Document+pr.Chapter+pr.Article+pr.Text), Link: "/kb/provision?id="})
		}
		for _, h := range cases {
			c := h.Case
			p.Cases = append(p.Cases, searchHit{ID: c.ID, Title: c.Title, Kind: "case", Text: clip.Line(c.Facts, 120), Score: h.Score,
				Matched: matched(words, c.Title+c.Field+c.Facts+c.Reasons+c.Handling), Link: "/kb/doc?id="})
		}
	}
	s.render(w, r, q, http.StatusOK, "search", "检索测试", p)
}

// queryWords cuts a question into the pieces retrieval matches on: runs of
// Han characters as bigrams, and ASCII words and numbers.
func queryWords(q string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(w string) {
		if w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	var han, word []rune
	flush := func() {
		if len(han) == 1 {
			add(string(han))
		}
		for i := 0; i+1 < len(han); i++ {
			add(string(han[i : i+2]))
		}
		add(strings.ToLower(string(word)))
		han, word = han[:0], word[:0]
	}
	for _, r := range q {
		switch {
		case unicode.Is(unicode.Han, r):
			if len(word) > 0 {
				flush()
			}
			han = append(han, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if len(han) > 0 {
				flush()
			}
			word = append(word, unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return out
}

// matched lists the query words found in text, longest first.
func matched(words []string, text string) []string {
	text = strings.ToLower(text)
	var out []string
	for _, w := range words {
		if len([]rune(w)) > 1 && strings.Contains(text, w) && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	if len(out) > 12 {
		out = out[:12]
	}
	return out
}

type feedbackPage struct {
	Answers []redisstore.LoggedAnswer
	Error   string
}

// feedbackQueue lists the answers rated 👎 with their reasons, newest
// first; the read is audited.
func (s *Server) feedbackQueue(w http.ResponseWriter, r *http.Request, q *request) {
	if s.cfg.Review == nil {
		s.fail(w, r, q, http.StatusServiceUnavailable, txtReviewOff)
		return
	}
	as, _, err := s.cfg.Review.ReviewLogPage(r.Context(), q.reader(), 50, redisstore.LogFilter{Rating: "down"}, "")
	p := feedbackPage{Answers: as}
	if err != nil {
		s.log.Warn("feedback queue not read", "err", err)
		p.Error = txtStoreDown
	}
	s.render(w, r, q, http.StatusOK, "feedback", "差评队列", p)
}

func (s *Server) feedbackConversation(w http.ResponseWriter, r *http.Request, q *request) {
	s.conversationOf(w, r, q, "/kb/feedback")
}
