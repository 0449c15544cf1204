package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"rongcuo/advisor"
	"rongcuo/assess"
	"rongcuo/internal/terminal"
)

const chatHelp = `直接描述您的情况或提问。对追问可以回答“是 / 否 / 不清楚”。
命令：/new 开始新的案例　/help 帮助　/quit 退出`

func runChat(ctx context.Context, e env, g *globalOptions, args []string) error {
	s := newSettings("chat", e.getenv, e.stdout, e.stderr)
	var mo modelOptions
	addModelSettings(s, &mo)
	s.fs.Usage = func() { fmt.Fprintln(s.fs.Output(), "usage: rongcuo chat"); s.fs.PrintDefaults() }
	if err := s.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if err := mo.check("chat"); err != nil {
		return err
	}
	adv, release, err := cliAdvisor(ctx, e, g, &mo)
	if err != nil {
		return err
	}
	defer release()
	c := &chat{adv: adv, out: e.stdout, stream: mo.chatEnabled(), style: terminal.StyleFor(e.stdout, e.getenv)}
	mode := "离线模式"
	if c.stream {
		mode = "智能问答模式，离线答复兜底"
	}
	fmt.Fprintf(e.stdout, "容错纠错助手（%s）。请勿输入涉密或敏感信息。\n", mode)
	fmt.Fprintln(e.stdout, chatHelp)
	return c.loop(ctx, e.stdin)
}

// chat is a terminal conversation. It keeps the case in memory: the turns,
// the facts found so far and the follow-up questions still open.
type chat struct {
	adv     *advisor.Advisor
	out     io.Writer
	history []advisor.Turn
	facts   assess.Facts
	pending []assess.FollowUp
	stream  bool // print model text as it arrives
	style   terminal.Style
}

func (c *chat) loop(ctx context.Context, in io.Reader) error {
	rd := bufio.NewReader(in)
	for {
		fmt.Fprint(c.out, "\n> ")
		raw, err := readLine(rd)
		if err != nil {
			fmt.Fprintln(c.out)
			if err == io.EOF {
				return nil
			}
			return fmt.Errorf("read input: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return nil
		}
		line := strings.TrimSpace(raw)
		switch line {
		case "":
			continue
		case "/quit", "/exit", "/q":
			return nil
		case "/help":
			fmt.Fprintln(c.out, chatHelp)
			continue
		case "/new":
			c.reset()
			fmt.Fprintln(c.out, "已开始新的案例。请描述您的情况。")
			continue
		}
		if err := c.turn(ctx, line); err != nil {
			return err
		}
	}
}

// maxLine bounds what one line keeps; the advisor reads only the first 2,000
// characters anyway, and a pasted document must not stop the conversation.
const maxLine = 64 << 10

// readLine reads one line of any length, keeping its first maxLine bytes.
// It returns io.EOF only when nothing is left.
func readLine(rd *bufio.Reader) (string, error) {
	var b strings.Builder
	for {
		part, err := rd.ReadSlice('\n')
		if room := maxLine - b.Len(); room > 0 {
			b.Write(part[:min(len(part), room)])
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && b.Len() > 0:
			return strings.ToValidUTF8(b.String(), ""), nil
		case err != nil:
			return "", err
		}
		return strings.ToValidUTF8(b.String(), ""), nil
	}
}

func (c *chat) reset() {
	c.history, c.facts, c.pending = nil, nil, nil
}

// turn answers one line. A bare 是 / 否 / 不清楚 answers the first open
// follow-up question and re-assesses the case.
func (c *chat) turn(ctx context.Context, line string) error {
	if r, ok := advisor.ParseReply(line); ok && len(c.pending) > 0 {
		f := c.pending[0]
		c.facts = assess.Apply(c.facts, f.Key, r, f.Question)
		fmt.Fprintf(c.out, "（已记录：%s —— %s）\n", f.Question, replyLabel(r))
	}
	q := advisor.Question{Text: line, History: c.history, Facts: c.facts}
	var sp *streamPrinter
	if c.stream {
		fmt.Fprintln(c.out)
		sp = &streamPrinter{w: c.out, style: c.style}
		q.OnText = sp.OnText
	}
	a, err := c.adv.Advise(ctx, q)
	if errors.Is(err, advisor.ErrEmptyQuestion) {
		return nil
	}
	if err != nil {
		return err
	}
	now := time.Now()
	c.history = append(c.history, advisor.Turn{Role: "user", Text: line, At: now}, advisor.Turn{Role: "assistant", Text: a.Answer, At: now})
	if a.Intent == advisor.IntentAssessment {
		c.facts = a.Facts
		c.pending = a.FollowUps
	}
	if sp != nil {
		sp.finish(a)
		return nil
	}
	fmt.Fprintln(c.out)
	printAdvice(c.out, a, c.style)
	return nil
}

func replyLabel(r assess.Reply) string {
	switch r {
	case assess.Yes:
		return "是"
	case assess.No:
		return "否"
	}
	return "不清楚"
}
