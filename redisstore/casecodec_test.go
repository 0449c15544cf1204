package redisstore

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"rongcuo/assess"
	"rongcuo/conversation"
)

// fullCase sets every field of a case, of its facts and of its follow-up
// questions.
func fullCase() conversation.Case {
	return conversation.Case{
		ID:   "c1",
		Text: "我在招商引资中为了让项目尽快开工，经镇党委会集体研究，先办了施工手续。能容错吗？",
		Facts: assess.Facts{
			assess.Procedure:   {Status: assess.Favourable, Evidence: "经镇党委会集体研究", Answered: true, Inferred: true, Conflict: true, Other: "个人决定", Raised: true, AmidEmergency: true},
			assess.PrivateGain: {Status: assess.Unknown},
		},
		AnswerID:  "a1",
		FollowUps: []assess.FollowUp{{Key: assess.PrivateGain, Question: "您是否从中获得了个人利益？", IfYes: assess.Unfavourable}},
		Started:   time.Date(2026, 3, 1, 9, 30, 15, 123456789, time.FixedZone("CST", 8*3600)),
	}
}

// The fast reader must know every field: a field it did not know would send
// every case back to encoding/json (correct, but slow again).
func TestDecodeCaseKnowsEveryField(t *testing.T) {
	c := fullCase()
	for _, v := range []reflect.Value{reflect.ValueOf(c), reflect.ValueOf(c.Facts[assess.Procedure]), reflect.ValueOf(c.FollowUps[0])} {
		for i := range v.NumField() {
			if v.Field(i).IsZero() {
				t.Fatalf("fullCase leaves %s.%s unset: set it, and teach caseDecoder to read it", v.Type().Name(), v.Type().Field(i).Name)
			}
		}
	}
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var got conversation.Case
	if d := (caseDecoder{b: string(data)}); !d.decode(&got) {
		t.Fatalf("the fast reader gives up on %s", data)
	}
	var want conversation.Case
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("fast reader:\n%+v\nencoding/json:\n%+v", got, want)
	}
}

// Whatever decodeCase accepts, it reads as encoding/json does, and it fails
// where encoding/json fails.
func FuzzDecodeCase(f *testing.F) {
	data, _ := json.Marshal(fullCase())
	f.Add(string(data))
	f.Add(`{"id":"x","text":"a\"b","started":"0001-01-01T00:00:00Z"}`)
	f.Add(`{"id":"x","facts":null,"follow_ups":[]}`)
	f.Add(`{"id":"x","facts":{},"follow_ups":[{"key":"k"}], "ID":"y"}`)
	f.Add(`{"id":"x","id":"y"}`)
	f.Add(` {"facts":{"a":{"Status":"favourable"},"a":{"Raised":true}}} `)
	f.Add(`{"text":"\xff"}`)
	f.Add(`{"started":"2026-13-01T00:00:00Z"}`)
	f.Fuzz(func(t *testing.T, data string) {
		var want conversation.Case
		wantErr := json.Unmarshal([]byte(data), &want)
		var got conversation.Case
		gotErr := decodeCase(data, &got)
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("%q: decodeCase error %v, encoding/json error %v", data, gotErr, wantErr)
		}
		if wantErr == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\ndecodeCase    %+v\nencoding/json %+v", data, got, want)
		}
	})
}

// encodeCase writes what json.Marshal writes, byte for byte.
func FuzzEncodeCase(f *testing.F) {
	f.Add("c1", "我在招商引资中，经镇党委会集体研究。能容错吗？", "procedure", "favourable", "经镇党委会集体研究", "", "a1", "您是否从中获得了个人利益？", int64(1772328615123456789), true)
	f.Add("c<2>", "a\"b\\c\nd&e\u2028f\xff", "k\u2029", "unknown", "x\ty", "o", "", "", int64(0), false)
	f.Add("", "", "", "", "", "", "", "", int64(-62135596800000000), false)
	// Each character json.Marshal escapes, alone in an otherwise plain case.
	for _, sp := range []string{"\"", "\\", "\n", "\x01", "\x1f", "<", ">", "&", "\u2028", "\u2029", "\xff", "\xe2\x80"} {
		f.Add("c1", "甲"+sp+"乙", "procedure", "favourable", "证据", "", "a1", "", int64(1772328615123456789), true)
	}
	f.Fuzz(func(t *testing.T, id, text, key, status, evidence, other, answerID, question string, at int64, flag bool) {
		c := conversation.Case{ID: id, Text: text, AnswerID: answerID, Started: time.Unix(0, at).In(time.FixedZone("", int(at%50000)))}
		if key != "" || flag {
			c.Facts = assess.Facts{key: {Status: assess.Status(status), Evidence: evidence, Other: other, Answered: flag, Raised: !flag},
				key + "2": {Status: assess.Unknown, Conflict: flag, Inferred: true}}
		}
		if question != "" {
			c.FollowUps = []assess.FollowUp{{Key: key, Question: question, IfYes: assess.Status(status)}, {Key: "k", Question: "q"}}
		}
		want, wantErr := json.Marshal(&c)
		got, gotErr := encodeCase(&c)
		if (gotErr == nil) != (wantErr == nil) || string(got) != string(want) {
			t.Fatalf("encodeCase:\n%s (%v)\njson.Marshal:\n%s (%v)", got, gotErr, want, wantErr)
		}
	})
}

// A full case takes the direct path (every string plain), and it writes
// what json.Marshal writes.
func TestEncodeCaseFullCase(t *testing.T) {
	c := fullCase()
	if !plainCase(&c) {
		t.Fatal("the full case is not plain: the test below would compare json.Marshal with itself")
	}
	want, _ := json.Marshal(&c)
	got, err := encodeCase(&c)
	if err != nil || string(got) != string(want) {
		t.Fatalf("encodeCase:\n%s (%v)\njson.Marshal:\n%s", got, err, want)
	}
}
