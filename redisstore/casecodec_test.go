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
			assess.Procedure:   {Status: assess.Favourable, Evidence: "经镇党委会集体研究", Answered: true, Inferred: true, Conflict: true, Other: "个人决定", Raised: true},
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
