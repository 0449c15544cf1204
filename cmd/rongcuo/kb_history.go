package main

import (
	"context"
	"fmt"
	"strconv"

	"rongcuo/internal/chinatime"
	"rongcuo/internal/terminal"
	"rongcuo/kblive"
)

// liveService opens the live knowledge base for a command that needs it
// and takes nargs arguments; wrong arguments are reported before Redis is
// reached (and, when empty, seeded).
func liveService(ctx context.Context, e env, g *globalOptions, name string, args []string, nargs int, usage string) (*kblive.Service, func(), []string, error) {
	o, args, err := readSettings(name, e, args)
	if err != nil {
		return nil, nil, nil, helpOK(err)
	}
	if len(args) != nargs {
		return nil, nil, nil, usagef("%s", usage)
	}
	if !o.live() {
		return nil, nil, nil, usagef("rongcuo kb %s: set REDIS_URL (the live knowledge base)", name)
	}
	svc, store, err := openLive(ctx, e, g, o)
	if err != nil {
		return nil, nil, nil, err
	}
	return svc, func() { store.Close() }, args, nil
}

func kbHistory(ctx context.Context, e env, g *globalOptions, args []string) error {
	svc, done, args, err := liveService(ctx, e, g, "history", args, 1, "usage: rongcuo kb history ID")
	if err != nil || svc == nil {
		return err
	}
	defer done()
	hist, err := svc.History(ctx, args[0])
	if err != nil {
		return err
	}
	rows := [][]string{{"REV", "KB VERSION", "TIME (CST)", "ACTION", "BY", "SUMMARY"}}
	for _, h := range hist {
		rows = append(rows, []string{strconv.FormatInt(h.Rev, 10), strconv.FormatInt(h.Version, 10), chinatime.Minute(h.At), h.Action, h.By, h.Summary})
	}
	_, err = fmt.Fprint(e.stdout, terminal.Table(rows))
	return err
}

func kbDiff(ctx context.Context, e env, g *globalOptions, args []string) error {
	svc, done, args, err := liveService(ctx, e, g, "diff", args, 3, "usage: rongcuo kb diff ID V1 V2   (revisions as listed by kb history)")
	if err != nil || svc == nil {
		return err
	}
	defer done()
	from, err1 := strconv.ParseInt(args[1], 10, 64)
	to, err2 := strconv.ParseInt(args[2], 10, 64)
	if err1 != nil || err2 != nil || from <= 0 || to <= 0 {
		return usagef("rongcuo kb diff: V1 and V2 are revision numbers (1, 2, …) as listed by kb history")
	}
	d, err := svc.Diff(ctx, args[0], from, to)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s：第 %d 版 → 第 %d 版（%s）\n", args[0], from, to, d.Summary())
	fmt.Fprint(e.stdout, d.Text())
	return nil
}

func kbStatus(ctx context.Context, e env, g *globalOptions, args []string) error {
	svc, done, _, err := liveService(ctx, e, g, "status", args, 0, "usage: rongcuo kb status")
	if err != nil || svc == nil {
		return err
	}
	defer done()
	st, err := svc.Status(ctx, 10)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "知识库版本 %d：%d 份文件、%d 段条文、%d 个案例\n最近的修改：\n", st.Version, st.Documents, st.Provisions, st.Cases)
	for _, r := range st.Recent {
		fmt.Fprintf(e.stdout, "  v%d  %s  %s  %s\n", r.Version, chinatime.Minute(r.At), r.By, r.Summary)
	}
	return nil
}
