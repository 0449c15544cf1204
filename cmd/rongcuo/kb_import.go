package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"rongcuo/importer"
	"rongcuo/internal/terminal"
	"rongcuo/kblive"
)

// importOptions are the settings of `kb import`.
type importOptions struct {
	liveOptions
	DryRun  bool
	Yes     bool
	By      string
	Long    bool
	MaxMB   int
	Force   bool
	ID      string
	Default importer.Metadata
}

func kbImport(ctx context.Context, e env, g *globalOptions, args []string) error {
	o := &importOptions{}
	s := kbSettings("import", e, &o.liveOptions)
	s.Bool(&o.DryRun, "dry-run", "", false, "show the preview and store nothing")
	s.Bool(&o.Yes, "yes", "", false, "store without asking for confirmation")
	s.String(&o.By, "by", "RONGCUO_BY", e.getenv("USER"), "who makes the change, recorded in the history")
	s.Bool(&o.Long, "long", "", false, "list every file in the preview, not the first ten")
	s.Int(&o.MaxMB, "max-size", "RONGCUO_IMPORT_MAX_MB", importer.DefaultMaxFileSize>>20, "largest file accepted, in MB")
	s.String(&o.Default.Verification, "verification", "RONGCUO_IMPORT_VERIFICATION", "", "verification of files without front matter: verified, partial or unverified (default unverified)")
	s.String(&o.Default.Level, "level", "", "", "level of files without front matter (default: from the law collection's folders, else guessed from the title)")
	s.String(&o.Default.Region, "region", "", "", "region of files without front matter (default: from the folders, else guessed from the issuer or title, else 全国)")
	s.String(&o.Default.Status, "status", "", "", "status of files without front matter (default 现行)")
	s.String(&o.Default.Issuer, "issuer", "", "", "issuer of files without front matter (default: the issuer line of the text)")
	s.String(&o.Default.Source, "source", "", "", "source (where the text was seen) of files without front matter")
	s.String(&o.Default.Effective, "effective", "", "", "effective date (YYYY-MM-DD, YYYY-MM or YYYY) of files without front matter (default: read from the text)")
	s.String(&o.ID, "id", "", "", "id of the one document imported, a file without front matter (default: the file name when it is ASCII and says something, else made from the level, province, year and title)")
	s.Bool(&o.Force, "force", "", false, "import files that do not look like policy documents (no articles and no policy vocabulary)")
	if err := o.parse(s, args); err != nil {
		return helpOK(err)
	}
	if s.NArg() == 0 {
		return usagef("rongcuo kb import: name at least one file or folder")
	}
	if err := o.Default.Check(); err != nil {
		var r *importer.Refusal
		if errors.As(err, &r) {
			return usagef("rongcuo kb import: %s", r.Cause)
		}
		return usagef("rongcuo kb import: %v", err)
	}
	if o.ID != "" {
		if err := importer.CheckID(o.ID); err != nil {
			return usagef("rongcuo kb import: %s", err.(*importer.Refusal).Cause)
		}
		if s.NArg() != 1 {
			return usagef("rongcuo kb import: --id names one document: import one file")
		}
		if st, err := os.Stat(s.Arg(0)); err == nil && st.IsDir() {
			return usagef("rongcuo kb import: --id names one document: import one file, not a folder")
		}
	}
	if o.MaxMB <= 0 {
		return usagef("rongcuo kb import: --max-size must be at least 1")
	}
	if !o.live() && !o.DryRun {
		return usagef("rongcuo kb import: set REDIS_URL (the live knowledge base), or use --dry-run to preview only")
	}
	batch, err := importer.Paths(s.Args(), importer.Options{MaxFileSize: int64(o.MaxMB) << 20, Defaults: o.Default, Force: o.Force, ID: o.ID})
	if err != nil {
		return err
	}
	if !o.live() {
		p, err := kblive.PreviewOffline(batch)
		if err != nil {
			return err
		}
		fmt.Fprint(e.stdout, p.Text(o.Long))
		fmt.Fprintln(e.stdout, "（预览，未连接知识库，没有保存）")
		return refusedError(p)
	}
	svc, store, err := openLive(ctx, e, g, &o.liveOptions)
	if err != nil {
		return err
	}
	defer store.Close()
	p, err := svc.PreviewBatch(ctx, batch, o.by())
	if err != nil {
		return err
	}
	return confirm(ctx, e, svc, p, o.DryRun, o.Yes, o.Long)
}

func (o *importOptions) by() string {
	if strings.TrimSpace(o.By) == "" {
		return "cli"
	}
	return o.By
}

// confirm shows a preview and stores it when told to: with --yes, or when
// the user at the terminal answers y. Anything else cancels; without a
// terminal and without --yes nothing is stored and the command fails.
func confirm(ctx context.Context, e env, svc *kblive.Service, p *kblive.Preview, dryRun, yes, long bool) error {
	fmt.Fprint(e.stdout, p.Text(long))
	if p.Token == "" {
		return refusedError(p)
	}
	if dryRun {
		fmt.Fprintln(e.stdout, "（预览，没有保存）")
		return svc.Cancel(ctx, p.Token)
	}
	if !yes && !terminal.IsTerminal(e.stdin) {
		// No one can answer: a script must say --yes, and must not read a
		// refusal as success.
		if err := svc.Cancel(ctx, p.Token); err != nil {
			return err
		}
		return errors.New("nothing was saved: no one confirmed (standard input is not a terminal); --yes confirms")
	}
	if !yes {
		fmt.Fprint(e.stdout, "确认保存？输入 y 确认，其他任意输入取消：")
		answer, _ := bufio.NewReader(e.stdin).ReadString('\n')
		switch strings.ToLower(strings.TrimSpace(answer)) {
		case "y", "yes", "是", "确认":
		default:
			if err := svc.Cancel(ctx, p.Token); err != nil {
				return err
			}
			fmt.Fprintln(e.stdout, "已取消，知识库没有改动。")
			return nil
		}
	}
	res, err := svc.Confirm(ctx, p.Token, p.By)
	if err != nil {
		return err
	}
	switch p.Action {
	case "retire":
		fmt.Fprintf(e.stdout, "已停用，知识库版本 %d。历史和原文仍可用 kb history 查看。\n", res.Version)
	default:
		fmt.Fprintf(e.stdout, "已保存：%d 份文件（%d 条条文）、%d 个案例，知识库版本 %d。", p.Documents, p.Articles, p.Cases, res.Version)
		if len(p.Skipped) > 0 {
			fmt.Fprintf(e.stdout, "跳过 %d 个文件（原因见上）。", len(p.Skipped))
		}
		fmt.Fprintln(e.stdout)
	}
	return nil
}

// refusedError makes a preview with refused files, or with no file to
// import at all, a failed command: a script must not read it as success.
func refusedError(p *kblive.Preview) error {
	switch {
	case len(p.Refused) == 1:
		return errors.New("1 file refused; nothing was stored")
	case len(p.Refused) > 1:
		return fmt.Errorf("%d files refused; nothing was stored", len(p.Refused))
	case len(p.Items) == 0 && len(p.Unchanged) == 0:
		return fmt.Errorf("nothing to import: no .md, .txt, .docx or .pdf file found (%d skipped)", len(p.Skipped))
	}
	return nil
}

func kbRetire(ctx context.Context, e env, g *globalOptions, args []string) error {
	o := &importOptions{}
	s := kbSettings("retire", e, &o.liveOptions)
	s.Bool(&o.Yes, "yes", "", false, "retire without asking for confirmation")
	s.String(&o.By, "by", "RONGCUO_BY", e.getenv("USER"), "who makes the change, recorded in the history")
	if err := o.parse(s, args); err != nil {
		return helpOK(err)
	}
	if s.NArg() != 1 {
		return usagef("usage: rongcuo kb retire [--yes] [--by NAME] ID")
	}
	if !o.live() {
		return usagef("rongcuo kb retire: set REDIS_URL (the live knowledge base)")
	}
	svc, store, err := openLive(ctx, e, g, &o.liveOptions)
	if err != nil {
		return err
	}
	defer store.Close()
	p, err := svc.PreviewRetire(ctx, s.Arg(0), o.by())
	if err != nil {
		return err
	}
	return confirm(ctx, e, svc, p, false, o.Yes, false)
}
