package importer

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// numbering holds the list formats of a .docx and the counters of the
// lists as the document is read.
type numbering struct {
	abstract map[string]*[9]level // abstractNumId -> levels
	nums     map[string]numDef    // numId -> definition
	styles   map[string]styleDef  // styleId -> numbering and parent
	counters map[string]*[9]int   // numId -> current value per level
}

type level struct {
	start   int
	format  string // numFmt: decimal, chineseCounting, bullet, …
	text    string // lvlText: 第%1条
	suffix  string // tab, space or nothing
	defined bool
}

type numDef struct {
	abstract string
	starts   map[int]int // startOverride per level
}

type styleDef struct {
	num     numRef
	basedOn string
}

// parseNumbering reads numbering.xml and the numbering of styles.xml;
// either may be absent.
func parseNumbering(numXML, stylesXML []byte) (*numbering, error) {
	n := &numbering{abstract: map[string]*[9]level{}, nums: map[string]numDef{}, styles: map[string]styleDef{}, counters: map[string]*[9]int{}}
	if err := n.readNumbering(numXML); err != nil {
		return nil, err
	}
	if err := n.readStyles(stylesXML); err != nil {
		return nil, err
	}
	return n, nil
}

func (n *numbering) readNumbering(data []byte) error {
	var abs *[9]level
	var lvl *level
	var num *numDef
	var numID string
	override := -1
	return eachToken(data, func(tok xml.Token) {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "abstractNum":
				abs = &[9]level{}
				n.abstract[attr(t, "abstractNumId")] = abs
			case "lvl":
				if i := atoi(attr(t, "ilvl")); abs != nil && i < 9 {
					lvl = &abs[i]
					*lvl = level{start: 1, defined: true, suffix: "tab"}
				}
			case "start":
				if lvl != nil {
					lvl.start = atoi(attr(t, "val"))
				}
			case "numFmt":
				if lvl != nil {
					lvl.format = attr(t, "val")
				}
			case "lvlText":
				if lvl != nil {
					lvl.text = attr(t, "val")
				}
			case "suff":
				if lvl != nil {
					lvl.suffix = attr(t, "val")
				}
			case "num":
				numID, num = attr(t, "numId"), &numDef{starts: map[int]int{}}
			case "abstractNumId":
				if num != nil {
					num.abstract = attr(t, "val")
				}
			case "lvlOverride":
				override = atoi(attr(t, "ilvl"))
			case "startOverride":
				if num != nil && override >= 0 {
					num.starts[override] = atoi(attr(t, "val"))
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "abstractNum":
				abs, lvl = nil, nil
			case "lvl":
				lvl = nil
			case "lvlOverride":
				override = -1
			case "num":
				if num != nil {
					n.nums[numID] = *num
				}
				num = nil
			}
		}
	})
}

func (n *numbering) readStyles(data []byte) error {
	id := ""
	var cur styleDef
	return eachToken(data, func(tok xml.Token) {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				id, cur = attr(t, "styleId"), styleDef{}
			case "basedOn":
				cur.basedOn = attr(t, "val")
			case "numId":
				cur.num.set, cur.num.numID = true, attr(t, "val")
			case "ilvl":
				cur.num.ilvl = atoi(attr(t, "val"))
			}
		case xml.EndElement:
			if t.Name.Local == "style" && id != "" {
				n.styles[id] = cur
				id = ""
			}
		}
	})
}

// styleNum returns the numbering a paragraph style gives, following the
// styles it is based on.
func (n *numbering) styleNum(style string) numRef {
	for range 20 { // basedOn chains are short; a cycle must not hang
		s, ok := n.styles[style]
		if !ok {
			return numRef{}
		}
		if s.num.set {
			return s.num
		}
		style = s.basedOn
	}
	return numRef{}
}

// next advances the list's counter at the paragraph's level and returns
// its label; false when the list or the level is not defined.
func (n *numbering) next(ref numRef) (string, bool) {
	def, ok := n.nums[ref.numID]
	if !ok {
		return "", false
	}
	levels := n.abstract[def.abstract]
	if levels == nil || ref.ilvl < 0 || ref.ilvl >= 9 || !levels[ref.ilvl].defined {
		return "", false
	}
	c := n.counters[ref.numID]
	if c == nil {
		c = &[9]int{}
		for i := range c {
			c[i] = startOf(levels[i], def, i) - 1
		}
		n.counters[ref.numID] = c
	}
	c[ref.ilvl]++
	for i := ref.ilvl + 1; i < 9; i++ { // inner levels restart
		c[i] = startOf(levels[i], def, i) - 1
	}
	lv := levels[ref.ilvl]
	if lv.format == "bullet" || lv.format == "none" {
		return "", true
	}
	var b strings.Builder
	text := lv.text
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			// A level not reached yet counts as its first item.
			k := int(text[i+1] - '1')
			b.WriteString(formatNumber(max(c[k], 1), levels[k].format))
			i++
			continue
		}
		b.WriteByte(text[i])
	}
	return b.String(), true
}

func startOf(lv level, def numDef, i int) int {
	if s, ok := def.starts[i]; ok {
		return s
	}
	return lv.start
}

// suffix is what Word puts between the label and the text.
func (n *numbering) suffix(ref numRef) string {
	if levels := n.abstract[n.nums[ref.numID].abstract]; levels != nil && ref.ilvl < 9 && levels[ref.ilvl].suffix == "nothing" {
		return ""
	}
	return " "
}

// formatNumber writes v in a Word number format.
func formatNumber(v int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand":
		return hanNumber(v)
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		var b strings.Builder
		for _, d := range strconv.Itoa(v) {
			b.WriteString(hanDigits[d-'0'])
		}
		return b.String()
	case "ideographTraditional":
		return string([]rune("甲乙丙丁戊己庚辛壬癸")[(v-1)%10])
	case "ideographZodiac":
		return string([]rune("子丑寅卯辰巳午未申酉戌亥")[(v-1)%12])
	case "chineseLegalSimplified":
		return strings.NewReplacer("一", "壹", "二", "贰", "三", "叁", "四", "肆", "五", "伍", "六", "陆", "七", "柒", "八", "捌", "九", "玖", "十", "拾", "百", "佰", "千", "仟").Replace(hanNumber(v))
	case "lowerLetter", "upperLetter":
		s := strings.Repeat(string(rune('a'+(v-1)%26)), (v-1)/26+1)
		if format == "upperLetter" {
			s = strings.ToUpper(s)
		}
		return s
	case "lowerRoman", "upperRoman":
		s := roman(v)
		if format == "lowerRoman" {
			s = strings.ToLower(s)
		}
		return s
	case "decimalZero":
		if v < 10 {
			return "0" + strconv.Itoa(v)
		}
	case "decimalFullWidth", "decimalFullWidth2":
		var b strings.Builder
		for _, d := range strconv.Itoa(v) {
			b.WriteRune('０' + d - '0')
		}
		return b.String()
	}
	return strconv.Itoa(v)
}

var hanDigits = []string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// hanNumber writes v (1–99999) as a Chinese numeral the way article labels
// are written: 十, 十一, 二十, 一百零一, 一千二百六十.
func hanNumber(v int) string {
	if v <= 0 || v > 99999 {
		return strconv.Itoa(v)
	}
	units := []string{"", "十", "百", "千", "万"}
	digits := strconv.Itoa(v)
	var b strings.Builder
	zero := false
	for i, d := range digits {
		place := len(digits) - 1 - i
		if d == '0' {
			zero = true
			continue
		}
		if zero && b.Len() > 0 {
			b.WriteString("零")
		}
		zero = false
		if !(d == '1' && place == 1 && i == 0) { // 十一, not 一十一
			b.WriteString(hanDigits[d-'0'])
		}
		b.WriteString(units[place])
	}
	return b.String()
}

func roman(v int) string {
	if v <= 0 || v >= 4000 {
		return strconv.Itoa(v)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, n := range vals {
		for v >= n {
			b.WriteString(syms[i])
			v -= n
		}
	}
	return b.String()
}
