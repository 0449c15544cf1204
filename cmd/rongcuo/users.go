package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"rongcuo/conversation"
	"rongcuo/internal/terminal"
	"rongcuo/redisstore"
	"rongcuo/web"
)

const usersUsage = `usage: rongcuo users add [--role cadre|staff|admin] --password-stdin NAME
       rongcuo users list
       rongcuo users remove NAME

Web console accounts in Redis (REDIS_URL). add creates an account, or sets a
new password and role for an existing one, reading the password from the first
line of stdin (at least 10 characters); remove deletes it and signs it out
everywhere. Telegram users need no account: /web in the bot sends them a
one-time login link.`

func runUsers(ctx context.Context, e env, g *globalOptions, args []string) error {
	if len(args) == 0 {
		return usagef("%s", usersUsage)
	}
	switch args[0] {
	case "add", "list", "remove":
	case "-h", "--help", "help":
		fmt.Fprintln(e.stdout, usersUsage)
		return nil
	default:
		return usagef("rongcuo users: unknown subcommand %q\n%s", args[0], usersUsage)
	}
	var redisURL, prefix, role string
	var passwordStdin bool
	s := newSettings("users "+args[0], e.getenv, e.stdout, e.stderr)
	s.fs.Usage = func() { fmt.Fprintln(s.fs.Output(), usersUsage); s.fs.PrintDefaults() }
	secret := secretSetting(s, &redisURL, "redis", "REDIS_URL", "Redis URL (default "+defaultRedisURL+") (secret)")
	s.String(&prefix, "redis-prefix", "RONGCUO_REDIS_PREFIX", defaultRedisPrefix, "prefix of every Redis key")
	if args[0] == "add" {
		s.String(&role, "role", "", conversation.RoleCadre, "cadre, staff or admin")
		s.Bool(&passwordStdin, "password-stdin", "", false, "read the password from the first line of stdin (required)")
	}
	if err := s.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	secret()
	if redisURL == "" {
		redisURL = defaultRedisURL
	}
	rest := s.Args()
	wantArgs := 1
	if args[0] == "list" {
		wantArgs = 0
	}
	if len(rest) != wantArgs {
		return usagef("%s", usersUsage)
	}
	if args[0] == "add" && role != conversation.RoleCadre && role != conversation.RoleStaff && role != conversation.RoleAdmin {
		return usagef("users add: --role %q: want cadre, staff or admin", role)
	}
	if args[0] == "add" && !passwordStdin {
		return usagef("users add: give the password on stdin with --password-stdin (never on the command line)")
	}
	var password string
	if args[0] == "add" {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return usagef("users add: no password on stdin")
		}
		password = strings.TrimRight(line, "\r\n")
	}
	store, err := redisstore.Open(ctx, redisURL, redisstore.Options{Prefix: prefix})
	if err != nil {
		return err
	}
	defer store.Close()
	switch args[0] {
	case "add":
		_, existed, err := store.Account(ctx, rest[0])
		if err != nil {
			return err
		}
		a, err := web.AddAccount(ctx, store, store, rest[0], role, password)
		if err != nil {
			return fmt.Errorf("users add: %w", err)
		}
		verb := "created"
		if existed {
			verb = "updated"
		}
		fmt.Fprintf(e.stdout, "%s account %s (user id %d, role %s)\n", verb, a.Name, a.UserID, role)
	case "list":
		accts, err := store.AccountList(ctx)
		if err != nil {
			return err
		}
		// Aligned by display width: a name may be Chinese.
		rows := [][]string{{"NAME", "USER ID", "ROLE", "CREATED"}}
		for _, a := range accts {
			u, err := store.User(ctx, a.UserID)
			if err != nil {
				return err
			}
			r := u.Role
			if r == "" {
				r = conversation.RoleCadre
			}
			rows = append(rows, []string{a.Name, strconv.FormatInt(a.UserID, 10), r, a.Created.Format("2006-01-02 15:04")})
		}
		_, err = io.WriteString(e.stdout, terminal.Table(rows))
		return err
	case "remove":
		a, ok, err := store.Account(ctx, rest[0])
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("users remove: no account %q", rest[0])
		}
		if _, err := store.RemoveAccount(ctx, rest[0]); err != nil {
			return err
		}
		n, err := store.EndSessions(ctx, a.UserID)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "removed account %s (%d sessions ended)\n", a.Name, n)
	}
	return nil
}
