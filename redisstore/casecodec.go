package redisstore

import (
	"encoding/json"
	"slices"
	"strconv"
	"unicode/utf8"

	"rongcuo/assess"
	"rongcuo/conversation"
)

// encodeCase writes a case exactly as json.Marshal does. Every answer saves
// its chat's case, and encoding/json writes it by reflection; the usual case
// — strings that need no escaping — is written directly, anything else by
// json.Marshal.
func encodeCase(c *conversation.Case) ([]byte, error) {
	if !plainCase(c) {
		return json.Marshal(c)
	}
	started, err := c.Started.MarshalJSON()
	if err != nil {
		return json.Marshal(c) // the same error, from encoding/json
	}
	b := make([]byte, 0, 256+len(c.Text)+len(c.Facts)*160)
	b = append(b, `{"id":`...)
	b = appendPlain(b, c.ID)
	b = append(b, `,"text":`...)
	b = appendPlain(b, c.Text)
	if len(c.Facts) > 0 {
		b = append(b, `,"facts":{`...)
		keys := make([]string, 0, len(c.Facts))
		for k := range c.Facts {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			f := c.Facts[k]
			b = appendPlain(b, k)
			b = append(b, `:{"Status":`...)
			b = appendPlain(b, string(f.Status))
			b = append(b, `,"Evidence":`...)
			b = appendPlain(b, f.Evidence)
			b = append(b, `,"Answered":`...)
			b = strconv.AppendBool(b, f.Answered)
			b = append(b, `,"Inferred":`...)
			b = strconv.AppendBool(b, f.Inferred)
			b = append(b, `,"Conflict":`...)
			b = strconv.AppendBool(b, f.Conflict)
			b = append(b, `,"Other":`...)
			b = appendPlain(b, f.Other)
			b = append(b, `,"Raised":`...)
			b = strconv.AppendBool(b, f.Raised)
			b = append(b, `,"AmidEmergency":`...)
			b = strconv.AppendBool(b, f.AmidEmergency)
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	if c.AnswerID != "" {
		b = append(b, `,"answer_id":`...)
		b = appendPlain(b, c.AnswerID)
	}
	if len(c.FollowUps) > 0 {
		b = append(b, `,"follow_ups":[`...)
		for i, fu := range c.FollowUps {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"key":`...)
			b = appendPlain(b, fu.Key)
			b = append(b, `,"question":`...)
			b = appendPlain(b, fu.Question)
			b = append(b, `,"if_yes":`...)
			b = appendPlain(b, string(fu.IfYes))
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"started":`...)
	b = append(b, started...)
	return append(b, '}'), nil
}

// plainCase reports whether every string of a case is plain (see plain).
func plainCase(c *conversation.Case) bool {
	if !plain(c.ID) || !plain(c.Text) || !plain(c.AnswerID) {
		return false
	}
	for k, f := range c.Facts {
		if !plain(k) || !plain(string(f.Status)) || !plain(f.Evidence) || !plain(f.Other) {
			return false
		}
	}
	for _, fu := range c.FollowUps {
		if !plain(fu.Key) || !plain(fu.Question) || !plain(string(fu.IfYes)) {
			return false
		}
	}
	return true
}

// plain reports whether json.Marshal writes s as it is between quotes:
// valid UTF-8 without control characters, quotes, backslashes, the
// characters it escapes for HTML (<, >, &) and the line and paragraph
// separators (U+2028, U+2029).
func plain(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9):
			return false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return ascii || utf8.ValidString(s)
}

// appendPlain appends a plain string, quoted.
func appendPlain(b []byte, s string) []byte {
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// decodeCase reads a case as json.Marshal wrote it. Every message of a chat
// loads its case, and encoding/json reads the Chinese of its text and
// evidence slowly (a case of 900 bytes took 26 µs, most of a message's
// decoding), so the usual form — known fields, strings without escapes — is
// read directly; anything else (an escape, a null, a number, an unknown or
// repeated field, invalid JSON) is left to encoding/json, which decides.
func decodeCase(data string, c *conversation.Case) error {
	var fast conversation.Case
	if d := (caseDecoder{b: data}); d.decode(&fast) {
		*c = fast
		return nil
	}
	return json.Unmarshal([]byte(data), c)
}

// caseDecoder reads the fast form; each method reports false on anything
// outside it, and the case is then decoded by encoding/json instead.
type caseDecoder struct {
	b string
	i int
}

func (d *caseDecoder) decode(c *conversation.Case) bool {
	const (
		fID = 1 << iota
		fText
		fFacts
		fAnswerID
		fFollowUps
		fStarted
	)
	seen := 0
	ok := d.object(func(key string) bool {
		var bit int
		var ok bool
		switch key {
		case "id":
			bit = fID
			c.ID, ok = d.str()
		case "text":
			bit = fText
			c.Text, ok = d.str()
		case "facts":
			bit = fFacts
			c.Facts, ok = d.facts()
		case "answer_id":
			bit = fAnswerID
			c.AnswerID, ok = d.str()
		case "follow_ups":
			bit = fFollowUps
			c.FollowUps, ok = d.followUps()
		case "started":
			bit = fStarted
			start := d.i
			if _, ok = d.str(); ok {
				ok = c.Started.UnmarshalJSON([]byte(d.b[start:d.i])) == nil
			}
		default:
			return false
		}
		if seen&bit != 0 {
			return false
		}
		seen |= bit
		return ok
	})
	d.space()
	return ok && d.i == len(d.b)
}

func (d *caseDecoder) facts() (assess.Facts, bool) {
	f := assess.Facts{}
	ok := d.object(func(key string) bool {
		if _, dup := f[key]; dup {
			return false
		}
		var x assess.Fact
		if !d.fact(&x) {
			return false
		}
		f[key] = x
		return true
	})
	return f, ok
}

func (d *caseDecoder) fact(x *assess.Fact) bool {
	seen := 0
	return d.object(func(key string) bool {
		var bit int
		var ok bool
		var s string
		switch key {
		case "Status":
			bit = 1
			s, ok = d.str()
			x.Status = assess.Status(s)
		case "Evidence":
			bit = 2
			x.Evidence, ok = d.str()
		case "Answered":
			bit = 4
			x.Answered, ok = d.boolean()
		case "Inferred":
			bit = 8
			x.Inferred, ok = d.boolean()
		case "Conflict":
			bit = 16
			x.Conflict, ok = d.boolean()
		case "Other":
			bit = 32
			x.Other, ok = d.str()
		case "Raised":
			bit = 64
			x.Raised, ok = d.boolean()
		case "AmidEmergency":
			bit = 128
			x.AmidEmergency, ok = d.boolean()
		}
		if seen&bit != 0 {
			return false
		}
		seen |= bit
		return ok
	})
}

func (d *caseDecoder) followUps() ([]assess.FollowUp, bool) {
	d.space()
	if d.i >= len(d.b) || d.b[d.i] != '[' {
		return nil, false
	}
	d.i++
	out := []assess.FollowUp{}
	d.space()
	if d.i < len(d.b) && d.b[d.i] == ']' {
		d.i++
		return out, true
	}
	for {
		var fu assess.FollowUp
		seen := 0
		ok := d.object(func(key string) bool {
			var bit int
			var ok bool
			var s string
			switch key {
			case "key":
				bit = 1
				fu.Key, ok = d.str()
			case "question":
				bit = 2
				fu.Question, ok = d.str()
			case "if_yes":
				bit = 4
				s, ok = d.str()
				fu.IfYes = assess.Status(s)
			}
			if seen&bit != 0 {
				return false
			}
			seen |= bit
			return ok
		})
		if !ok {
			return nil, false
		}
		out = append(out, fu)
		d.space()
		if d.i >= len(d.b) {
			return nil, false
		}
		switch d.b[d.i] {
		case ',':
			d.i++
		case ']':
			d.i++
			return out, true
		default:
			return nil, false
		}
	}
}

// object reads an object, calling field with each key when the reader is
// at its value; field reads the value.
func (d *caseDecoder) object(field func(key string) bool) bool {
	d.space()
	if d.i >= len(d.b) || d.b[d.i] != '{' {
		return false
	}
	d.i++
	d.space()
	if d.i < len(d.b) && d.b[d.i] == '}' {
		d.i++
		return true
	}
	for {
		key, ok := d.str()
		if !ok {
			return false
		}
		d.space()
		if d.i >= len(d.b) || d.b[d.i] != ':' {
			return false
		}
		d.i++
		if !field(key) {
			return false
		}
		d.space()
		if d.i >= len(d.b) {
			return false
		}
		switch d.b[d.i] {
		case ',':
			d.i++
		case '}':
			d.i++
			return true
		default:
			return false
		}
	}
}

// str reads a string without escapes, of valid UTF-8 and no control
// characters.
func (d *caseDecoder) str() (string, bool) {
	d.space()
	if d.i >= len(d.b) || d.b[d.i] != '"' {
		return "", false
	}
	start := d.i + 1
	ascii := true
	for j := start; j < len(d.b); j++ {
		switch c := d.b[j]; {
		case c == '"':
			s := d.b[start:j]
			if !ascii && !utf8.ValidString(s) {
				return "", false
			}
			d.i = j + 1
			return s, true
		case c == '\\' || c < 0x20:
			return "", false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return "", false
}

func (d *caseDecoder) boolean() (bool, bool) {
	d.space()
	switch {
	case hasAt(d.b, d.i, "true"):
		d.i += 4
		return true, true
	case hasAt(d.b, d.i, "false"):
		d.i += 5
		return false, true
	}
	return false, false
}

func hasAt(b string, i int, lit string) bool {
	return len(b)-i >= len(lit) && b[i:i+len(lit)] == lit
}

// space skips JSON whitespace.
func (d *caseDecoder) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}
