package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"rongcuo/knowledge"
)

// What a file without front matter says about itself. Its level, region,
// issuer, status and effective date are read from the title, the issuer
// line (发文机关, 落款) and the dates of the text where it states them, and
// guessed where it does not; every guess is flagged so that staff check it
// before confirming, and can correct it (flags, buttons, a form).

// Metadata field keys, in the order a preview shows them.
const (
	MetaLevel     = "level"
	MetaRegion    = "region"
	MetaIssuer    = "issuer"
	MetaStatus    = "status"
	MetaEffective = "effective"
)

// MetaKeys lists the fields a preview shows.
var MetaKeys = []string{MetaLevel, MetaRegion, MetaIssuer, MetaStatus, MetaEffective}

// MetaLabels names the fields for staff.
var MetaLabels = map[string]string{
	MetaLevel: "层级", MetaRegion: "地区", MetaIssuer: "发文机关", MetaStatus: "状态", MetaEffective: "施行日期",
}

// MetaField is one field of a document's metadata as the import read it.
type MetaField struct {
	Key     string
	Label   string
	Value   string // empty: not found
	From    string // where the value came from, in Chinese: 文件自带, 工作人员指定, 标题“…”, 正文“…”, 默认值
	Guessed bool   // not stated by the file or by staff: check it
	// Candidates are values to choose from when correcting: what else the
	// text names (places, dates, issuers), or the allowed values.
	Candidates []string
}

// guessedKey is the front-matter key that keeps, in the stored document,
// which fields were guessed at import and not confirmed by anyone since.
const guessedKey = "guessed"

// Guessed lists the metadata fields of a stored document that were guessed
// at import and never corrected.
func Guessed(d *knowledge.Document) []string {
	return splitKeys(d.Extra[guessedKey])
}

func splitKeys(v string) []string {
	var out []string
	for _, k := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '，' || r == '、' }) {
		if slices.Contains(MetaKeys, k) {
			out = append(out, k)
		}
	}
	return out
}

// setGuessed records the guessed fields in the document.
func setGuessed(d *knowledge.Document, keys []string) {
	if len(keys) == 0 {
		if d.Extra != nil {
			delete(d.Extra, guessedKey)
		}
		return
	}
	if d.Extra == nil {
		d.Extra = map[string]string{}
	}
	d.Extra[guessedKey] = strings.Join(keys, ", ")
}

// metaOf reads the metadata fields of a document with the sources found.
func metaOf(d *knowledge.Document, from map[string]string, guessed []string, cands map[string][]string) []MetaField {
	var out []MetaField
	for _, k := range MetaKeys {
		f := MetaField{Key: k, Label: MetaLabels[k], Value: fieldValue(d, k), From: from[k], Guessed: slices.Contains(guessed, k), Candidates: cands[k]}
		switch k {
		case MetaLevel:
			f.Candidates = knowledge.Levels
		case MetaStatus:
			f.Candidates = knowledge.Statuses
		}
		out = append(out, f)
	}
	return out
}

func fieldValue(d *knowledge.Document, key string) string {
	switch key {
	case MetaLevel:
		return d.Level
	case MetaRegion:
		return d.Region
	case MetaIssuer:
		return d.Issuer
	case MetaStatus:
		return d.Status
	case MetaEffective:
		return d.Effective
	}
	return ""
}

// SetField sets one metadata field of a document, checking the value.
func SetField(d *knowledge.Document, key, value string) error {
	value = strings.TrimSpace(value)
	bad := func(allowed []string) error {
		return &Refusal{Msg: fmt.Sprintf("%s的值“%s”无效，允许的值：%s", MetaLabels[key], value, strings.Join(allowed, "、")),
			Cause: fmt.Sprintf("invalid %s %q", key, value)}
	}
	switch key {
	case MetaLevel:
		if !slices.Contains(knowledge.Levels, value) {
			return bad(knowledge.Levels)
		}
		d.Level = value
	case MetaStatus:
		if !slices.Contains(knowledge.Statuses, value) {
			return bad(knowledge.Statuses)
		}
		d.Status = value
	case MetaRegion:
		if value == "" {
			value = "全国"
		}
		d.Region = value
	case MetaIssuer:
		d.Issuer = value
	case MetaEffective:
		if value != "" && !dateRe.MatchString(value) {
			return &Refusal{Msg: fmt.Sprintf("施行日期“%s”无效，应写成 2023-05-01、2023-05 或 2023", value), Cause: fmt.Sprintf("invalid effective date %q", value)}
		}
		d.Effective = value
	default:
		return &Refusal{Msg: "没有这一项元数据：" + key, Cause: "unknown metadata field " + key}
	}
	setGuessed(d, slices.DeleteFunc(Guessed(d), func(k string) bool { return k == key }))
	return nil
}

var dateRe = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$`)

// reading is what the text of a file says about its metadata.
type reading struct {
	values  map[string]string
	from    map[string]string
	guessed []string
	cands   map[string][]string
	number  string
}

var (
	// A date as documents write it: 2023年5月6日.
	hanDate = regexp.MustCompile(`((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	// The effective-date clause: 自2023年5月1日起施行 / 执行 / 实施.
	effectiveClause = regexp.MustCompile(`自\s*((?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*起\s*(?:施行|执行|实施|生效)`)
	// 自印发之日起施行 and its variants: the date is the document's own.
	fromIssueClause = regexp.MustCompile(`自(?:印发|发布|公布|下发)之日起(?:施行|执行|实施|生效)`)
	// A document number: 鄂办发〔2022〕19号.
	docNumber = regexp.MustCompile(`[\p{Han}]{1,12}[〔\[［(（]\s*(?:19|20)\d\d\s*[〕\]］)）]\s*\d{1,4}\s*号`)
	// An issuer line: one or more organs, nothing else.
	issuerLine = regexp.MustCompile(`^(?:(?:中共|中国共产党)?[\p{Han}]{2,30}?(?:委员会|人民政府|人民代表大会常务委员会|常务委员会|办公厅|办公室|纪委|监委|纪委监委|组织部|宣传部|党委|党组|政府|局|厅|部|委|院)[\s　]*){1,4}$`)
	// A place at the start of a name: 湖北省, 宜都市, 某县, 清江浦区.
	placeRe = regexp.MustCompile(`^(?:中共|中国共产党)?([\p{Han}]{1,10}?(?:省|自治区|特别行政区|市|自治州|州|地区|盟|县|自治县|旗|区))`)
)

// notPlaces are endings of placeRe that are words, not places: 社区, 园区.
var notPlaces = []string{"社区", "园区", "小区", "景区", "辖区", "城区", "开发区", "示范区", "合作区"}

// readMeta reads what a text says about its metadata: title is the
// document's title, lines its text.
func readMeta(title string, lines []string, fileName string) reading {
	r := reading{values: map[string]string{}, from: map[string]string{}, cands: map[string][]string{}}
	set := func(key, value, from string, guessed bool) {
		if _, done := r.values[key]; done || value == "" {
			return
		}
		r.values[key], r.from[key] = value, from
		if guessed {
			r.guessed = append(r.guessed, key)
		}
	}
	head := lines[:min(len(lines), 4)]
	tail := lines[max(len(lines)-6, 0):]

	// The issuer: a line of organs near the top or in the signature.
	var issuers []string
	for _, l := range append(slices.Clone(head), tail...) {
		l = strings.TrimSpace(l)
		if utf8.RuneCountInString(l) <= 60 && issuerLine.MatchString(l) && !slices.Contains(issuers, l) {
			issuers = append(issuers, l)
		}
	}
	if len(issuers) > 0 {
		set(MetaIssuer, issuers[0], "正文“"+issuers[0]+"”", false)
		r.cands[MetaIssuer] = issuers
	}
	for _, l := range head {
		if m := docNumber.FindString(l); m != "" {
			r.number = strings.Join(strings.Fields(m), "")
			break
		}
	}

	// The effective date: stated, else the document's own date, else a date
	// in the file's name.
	text := strings.Join(lines, "\n")
	var dates []string
	for _, m := range hanDate.FindAllStringSubmatch(text, -1) {
		if d := isoDate(m); d != "" && !slices.Contains(dates, d) {
			dates = append(dates, d)
		}
	}
	r.cands[MetaEffective] = dates
	if m := effectiveClause.FindStringSubmatch(text); m != nil {
		set(MetaEffective, isoDate(hanDate.FindStringSubmatch(m[1])), "正文“"+strings.Join(strings.Fields(m[0]), "")+"”", false)
	}
	var signed string
	for i := len(tail) - 1; i >= 0 && signed == ""; i-- {
		if m := hanDate.FindStringSubmatch(tail[i]); m != nil && utf8.RuneCountInString(strings.TrimSpace(tail[i])) <= 20 {
			signed = isoDate(m)
		}
	}
	if fromIssueClause.MatchString(text) && signed != "" {
		set(MetaEffective, signed, "正文“自印发之日起施行”和落款日期", false)
	}
	if signed != "" {
		set(MetaEffective, signed, "落款日期（施行日期未写明，按印发日期推断）", true)
	}
	if m := fileDate.FindStringSubmatch(stem(fileName)); m != nil {
		set(MetaEffective, m[1], "文件名中的日期", true)
	}

	// The region: the place the issuer or the title starts with.
	var places []string
	for _, s := range append(slices.Clone(issuers), title) {
		if p := placeOf(s); p != "" && !slices.Contains(places, p) {
			places = append(places, p)
		}
	}
	switch {
	case strings.HasPrefix(title, "中华人民共和国") || strings.HasPrefix(title, "中国共产党") || r.values[MetaIssuer] != "" && strings.HasPrefix(r.values[MetaIssuer], "中共中央"):
		set(MetaRegion, "全国", "标题或发文机关为中央一级", true)
	case len(issuers) > 0 && placeOf(issuers[0]) != "":
		set(MetaRegion, placeOf(issuers[0]), "发文机关“"+issuers[0]+"”", true)
	case placeOf(title) != "":
		set(MetaRegion, placeOf(title), "标题“"+title+"”", true)
	}
	r.cands[MetaRegion] = append(places, "全国")

	// The level, from what the title and the issuer are.
	issuer := r.values[MetaIssuer]
	region := r.values[MetaRegion]
	switch {
	case strings.HasPrefix(title, "中国共产党") || strings.HasPrefix(issuer, "中共中央"):
		set(MetaLevel, knowledge.LevelPartyRule, "标题“"+title+"”", true)
	case strings.HasPrefix(title, "中华人民共和国") && strings.HasSuffix(strings.TrimSuffix(title, "典"), "法"):
		set(MetaLevel, knowledge.LevelLaw, "标题“"+title+"”", true)
	case strings.Contains(issuer, "人民代表大会常务委员会") || strings.HasSuffix(title, "条例") && region != "" && region != "全国":
		set(MetaLevel, knowledge.LevelLocalLaw, "标题或发文机关", true)
	case strings.Contains(title, "讲话"):
		set(MetaLevel, knowledge.LevelSpeech, "标题“"+title+"”", true)
	default:
		set(MetaLevel, knowledge.LevelNormative, "标题“"+title+"”（办法、意见、细则、通知一类）", true)
	}
	return r
}

// placeOf is the place a name starts with, or "".
func placeOf(s string) string {
	m := placeRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return ""
	}
	p := m[1]
	for _, w := range notPlaces {
		if strings.HasSuffix(p, w) {
			return ""
		}
	}
	if utf8.RuneCountInString(p) < 2 {
		return ""
	}
	return p
}

func isoDate(m []string) string {
	if len(m) < 4 {
		return ""
	}
	mon, day := m[2], m[3]
	if len(mon) == 1 {
		mon = "0" + mon
	}
	if len(day) == 1 {
		day = "0" + day
	}
	d := m[1] + "-" + mon + "-" + day
	if !dateRe.MatchString(d) {
		return ""
	}
	return d
}

// policyWords are words any policy text uses and a lunch note does not: the
// kinds of documents, their subjects and their verbs (the knowledge base's
// own terms, and the vocabulary of the 容错 measures it holds).
var policyWords = []string{
	"办法", "规定", "条例", "意见", "细则", "通知", "决定", "制度", "机制", "规则", "方案", "准则", "纲要",
	"干部", "党员", "公职人员", "党组织", "纪委", "监委", "纪检", "监察", "组织部", "政府",
	"容错", "纠错", "问责", "免责", "处分", "追责", "责任", "纪律", "违纪", "违法",
	"应当", "不得", "可以", "施行", "实施", "执行", "印发", "贯彻", "落实",
}

// policyVocabulary reports whether a text without articles still reads as a
// policy: at least three different policy words.
func policyVocabulary(title string, body []string) bool {
	text := title + strings.Join(body, "")
	n := 0
	for _, w := range policyWords {
		if strings.Contains(text, w) {
			if n++; n >= 3 {
				return true
			}
		}
	}
	return false
}

// bodyLines are the lines of a plain law file after its title.
func bodyLines(lines []string) []string {
	var out []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "# ") && l != "<!-- INFO END -->" {
			out = append(out, l)
		}
	}
	return out
}

// Corrected returns the item a corrected document of a staged import makes:
// its canonical text written again, and its metadata as now known (fixed
// says which fields staff just set).
func Corrected(d *knowledge.Document, fixed ...string) (*Item, error) {
	it, err := finish(d.ID, "md", d, nil, nil, nil)
	if err != nil {
		return nil, err
	}
	guessed := Guessed(it.Doc)
	from := map[string]string{}
	for _, k := range MetaKeys {
		switch {
		case slices.Contains(fixed, k):
			from[k] = "工作人员更正"
		case slices.Contains(guessed, k):
			from[k] = "导入时推断"
		default:
			from[k] = "导入时读取或指定"
		}
	}
	it.Meta = metaOf(it.Doc, from, guessed, nil)
	return it, nil
}
