package advisor

import (
	"strconv"
	"strings"
	"testing"
)

func TestRedactPatterns(t *testing.T) {
	cases := []struct {
		in, want string
	}{
		{"我的手机13812345678，", "我的手机〔电话1〕，"},
		{"电话 +86 138-1234-5678 找我", "电话 〔电话1〕 找我"},
		{"办公室 0571-87654321", "办公室 〔电话1〕"},
		{"身份证号11010519491231002X。", "身份证号〔身份证号1〕。"},
		{"身份证 110105194912310021", "身份证 〔身份证号1〕"},
		{"卡号6222021234567890123转账", "卡号〔银行卡号1〕转账"},
		{"卡号 6222 0212 3456 7890 转账", "卡号 〔银行卡号1〕 转账"},
		{"发到 zhang.san@example.gov.cn 吧", "发到 〔邮箱1〕 吧"},
		{"公车苏A12345停在", "公车〔车牌1〕停在"},
		{"新能源车粤B·D12345", "新能源车〔车牌1〕"},
		// Not personal details: article numbers, years, money, a 20-digit code.
		{"第十七条、2019年、50万元、第3项", "第十七条、2019年、50万元、第3项"},
		{"编号12345678901234567890", "编号12345678901234567890"},
		{"共计1381234567元", "共计1381234567元"},
	}
	for _, c := range cases {
		s := NewRedactor(nil).Session()
		if got := s.Redact(c.in); got != c.want {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestRedactListedNamesAndRestore(t *testing.T) {
	r := NewRedactor(ParseNameList("# staff list\n张三, 张三丰\n李四、青山镇人民政府\n王"))
	s := r.Session()
	in := "张三丰和张三在青山镇人民政府开会，李四打了13812345678，张三又打了13812345678。王书记在场。"
	got := s.Redact(in)
	want := "〔人名1〕和〔人名2〕在〔单位1〕开会，〔人名3〕打了〔电话1〕，〔人名2〕又打了〔电话1〕。王书记在场。"
	if got != want {
		t.Fatalf("Redact =\n%q\nwant\n%q", got, want)
	}
	if s.Len() != 5 {
		t.Errorf("Len = %d, want 5", s.Len())
	}
	if back := s.Restore(got); back != in {
		t.Errorf("Restore = %q", back)
	}
	// A model may rewrite the brackets; placeholders it invents stay.
	if got := s.Restore("请【人名1】和[电话1]联系，〔人名9〕另说"); got != "请张三丰和13812345678联系，〔人名9〕另说" {
		t.Errorf("Restore of altered brackets = %q", got)
	}
}

func TestRedactionSessionsAreSeparate(t *testing.T) {
	r := NewRedactor([]string{"张三"})
	a, b := r.Session(), r.Session()
	a.Redact("13900000000")
	if got := b.Redact("张三 13812345678"); got != "〔人名1〕 〔电话1〕" {
		t.Errorf("second session = %q", got)
	}
	if got := a.Restore("〔人名1〕"); got != "〔人名1〕" {
		t.Errorf("session a restored a placeholder it never made: %q", got)
	}
	var nilRedactor *Redactor
	if got := nilRedactor.Session().Redact("电话13812345678"); !strings.Contains(got, "〔电话1〕") {
		t.Errorf("nil redactor does not redact patterns: %q", got)
	}
}

func FuzzRedactRestore(f *testing.F) {
	for _, s := range []string{"张三 13812345678 a@b.cn 苏A12345", "〔电话1〕", "6222021234567890123", ""} {
		f.Add(s)
	}
	r := NewRedactor([]string{"张三", "青山镇"})
	f.Fuzz(func(t *testing.T, in string) {
		if strings.ContainsAny(in, "〔〕[]【】［］()（）") {
			return // text that already looks like placeholders cannot round-trip
		}
		s := r.Session()
		red := s.Redact(in)
		if s.Len() > 0 && red == in {
			t.Fatalf("details counted but text unchanged: %q", in)
		}
		if back := s.Restore(red); back != in {
			t.Fatalf("round trip %q -> %q -> %q", in, red, back)
		}
	})
}

// BenchmarkRedact measures redaction of a long case account with every kind
// of detail and a staff list of 200 names.
func BenchmarkRedact(b *testing.B) {
	var names []string
	for i := range 200 {
		names = append(names, "干部"+strconv.Itoa(i)+"号")
	}
	r := NewRedactor(names)
	text := strings.Repeat("我是干部7号，手机13812345678，身份证11010519491231002X，卡号6222021234567890123，邮箱a@b.cn，车牌苏A12345。经集体研究先办了手续。", 20)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		r.Session().Redact(text)
	}
}
