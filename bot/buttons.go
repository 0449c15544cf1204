package bot

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"rongcuo/advisor"
	"rongcuo/assess"
	"rongcuo/conversation"
	"rongcuo/internal/clip"
)

// Callback data is at most 64 bytes and comes back from the user's client, so
// it is parsed strictly: anything that does not parse, names an unknown
// criterion or points at a button that is no longer live gets a polite
// answer, never an action.
//
//	f|ANSWER|KEY|y n u   follow-up answer (是 / 否 / 不清楚) under answer ANSWER
//	p|PROVISION-ID       查看原文; h|HASH when the id is too long for 64 bytes
//	r|ANSWER|u d         👍 / 👎 on answer ANSWER
//	a|USERID|y n         admin approves / denies a user
//	x|y n                /forget confirmed / cancelled
//	k|TOKEN|y n          a staged knowledge-base change confirmed / cancelled (staff.go)
//	c|f o|N, c|x         /addcase: field or outcome number N, cancel (staff_case.go)
//	m|TOKEN|K|VALUE      a staged upload's metadata field K set to VALUE (upload_meta.go)
//	u|f                  仍然导入: the upload refused as no policy, forced (upload_fix.go)

// MaxCallbackData is Telegram's limit on callback data, in bytes.
const MaxCallbackData = 64

type callbackKind byte

const (
	cbFollowUp  callbackKind = 'f'
	cbProvision callbackKind = 'p'
	cbRate      callbackKind = 'r'
	cbApprove   callbackKind = 'a'
	cbForget    callbackKind = 'x'
	cbKB        callbackKind = 'k'
	cbCase      callbackKind = 'c'
	cbMeta      callbackKind = 'm'
	cbForce     callbackKind = 'u'
)

type callbackData struct {
	kind     callbackKind
	answer   string       // follow-up, rating
	key      string       // follow-up criterion
	reply    assess.Reply // follow-up
	prov     string       // provision id (p)
	provHash string       // provision id hash (h)
	user     int64        // approve
	yes      bool         // rating up, approve, forget confirm, kb confirm
	token    string       // kb: the staged change
	step     byte         // case: 'f' field, 'o' outcome, 'x' cancel
	index    int          // case: the field or outcome chosen
	value    string       // meta: the value chosen (key names the field)
}

var replyCode = map[assess.Reply]string{assess.Yes: "y", assess.No: "n", assess.NotSure: "u"}

func followUpData(answer, key string, r assess.Reply) string {
	return "f|" + answer + "|" + key + "|" + replyCode[r]
}

func provisionData(id string) string {
	if hashedID(id) {
		return "h|" + provisionHash(id)
	}
	return "p|" + id
}

// hashedID reports whether a provision id is too long for "p|" data.
func hashedID(id string) bool { return len("p|")+len(id) > MaxCallbackData }

// provisionHash names a provision whose id is too long for callback data.
func provisionHash(id string) string {
	h := sha256.Sum256([]byte(id))
	return hex.EncodeToString(h[:12])
}

func rateData(answer string, up bool) string {
	if up {
		return "r|" + answer + "|u"
	}
	return "r|" + answer + "|d"
}

func approveData(user int64, yes bool) string {
	return "a|" + strconv.FormatInt(user, 10) + "|" + yn(yes)
}

func forgetData(yes bool) string { return "x|" + yn(yes) }

func yn(b bool) string {
	if b {
		return "y"
	}
	return "n"
}

func isAnswerID(s string) bool { return conversation.IsAnswerID(s) }

func parseCallback(data string) (callbackData, bool) {
	if len(data) > MaxCallbackData || len(data) < 3 || data[1] != '|' {
		return callbackData{}, false
	}
	f := strings.Split(data[2:], "|")
	var c callbackData
	switch data[0] {
	case 'f':
		if len(f) != 3 || !isAnswerID(f[0]) || !isCriterion(f[1]) {
			return c, false
		}
		c = callbackData{kind: cbFollowUp, answer: f[0], key: f[1]}
		for r, code := range replyCode {
			if code == f[2] {
				c.reply = r
			}
		}
		return c, c.reply != ""
	case 'p':
		if len(f) != 1 || f[0] == "" {
			return c, false
		}
		return callbackData{kind: cbProvision, prov: data[2:]}, true
	case 'h':
		if len(f) != 1 || len(f[0]) != 24 {
			return c, false
		}
		if _, err := hex.DecodeString(f[0]); err != nil {
			return c, false
		}
		return callbackData{kind: cbProvision, provHash: f[0]}, true
	case 'r':
		if len(f) != 2 || !isAnswerID(f[0]) || (f[1] != "u" && f[1] != "d") {
			return c, false
		}
		return callbackData{kind: cbRate, answer: f[0], yes: f[1] == "u"}, true
	case 'a':
		id, err := strconv.ParseInt(f[0], 10, 64)
		if len(f) != 2 || err != nil || id <= 0 || (f[1] != "y" && f[1] != "n") {
			return c, false
		}
		return callbackData{kind: cbApprove, user: id, yes: f[1] == "y"}, true
	case 'x':
		if len(f) != 1 || (f[0] != "y" && f[0] != "n") {
			return c, false
		}
		return callbackData{kind: cbForget, yes: f[0] == "y"}, true
	case 'k', 'c':
		return parseStaffCallback(data[0], f)
	case 'm':
		return parseMetaCallback(f)
	case 'u':
		if data != forceData {
			return c, false
		}
		return callbackData{kind: cbForce}, true
	}
	return c, false
}

var criteria = map[string]bool{
	assess.Motive: true, assess.PrivateGain: true, assess.ExplicitBan: true, assess.Procedure: true,
	assess.Conditions: true, assess.Nature: true, assess.Consequence: true, assess.Remedy: true,
	assess.EightRules: true, assess.Inaction: true, assess.Concealment: true, assess.MajorAccident: true, assess.Repeat: true,
}

func isCriterion(k string) bool { return criteria[k] }

// answerButtons are the buttons under an answer: one row per follow-up
// question (是 / 否 / 不清楚 — the question itself is in the text above), one
// 查看原文 per cited provision, and the rating.
func answerButtons(answerID string, a advisor.Advice) [][]Button {
	var rows [][]Button
	for i, f := range a.FollowUps {
		if !isCriterion(f.Key) {
			continue
		}
		n := strconv.Itoa(i + 1)
		rows = append(rows, []Button{
			{Text: n + " 是", Data: followUpData(answerID, f.Key, assess.Yes)},
			{Text: n + " 否", Data: followUpData(answerID, f.Key, assess.No)},
			{Text: n + " 不清楚", Data: followUpData(answerID, f.Key, assess.NotSure)},
		})
	}
	var row []Button
	for _, c := range a.Citations {
		row = append(row, Button{Text: "查看原文：" + shortCitation(c), Data: provisionData(c.ID)})
		if len(row) == 2 {
			rows = append(rows, row)
			row = nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return append(rows, []Button{{Text: "👍", Data: rateData(answerID, true)}, {Text: "👎", Data: rateData(answerID, false)}})
}

// shortCitation names a provision on a button: short document name and
// article, e.g. 问责条例第十七条.
func shortCitation(c advisor.Citation) string {
	doc := strings.TrimPrefix(c.Document, "中国共产党")
	doc = strings.TrimPrefix(doc, "中华人民共和国")
	return clip.Runes(doc, 10) + c.Article
}
