package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"syscall"

	"rongcuo/kblive"
	"rongcuo/redisstore"
)

// report prints an error the way the command line shows it and returns the
// exit status: 2 for a command used wrongly, 1 for anything else.
func report(w io.Writer, err error) int {
	var u usageError
	if errors.As(err, &u) {
		fmt.Fprintln(w, u.msg)
		return 2
	}
	fmt.Fprintln(w, "rongcuo:", operatorMessage(err))
	return 1
}

// operatorMessage is an error as an operator reads it: in English, in the
// operator's terms (the file, the address), without the prefixes of the
// packages it passed through on the way up.
func operatorMessage(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Sprintf("cannot %s %s: %s", pathVerb(pe.Op), pe.Path, reason(pe.Err))
	}
	var unreachable *redisstore.UnreachableError
	if errors.As(err, &unreachable) {
		return fmt.Sprintf("cannot reach Redis at %s: %s", unreachable.URL, reason(unreachable.Err))
	}
	var ke *kblive.Error
	if errors.As(err, &ke) {
		return ke.Err.Error()
	}
	return err.Error()
}

func pathVerb(op string) string {
	switch op {
	case "mkdir":
		return "create the folder"
	case "write", "truncate":
		return "write"
	case "remove":
		return "remove"
	case "open":
		return "open"
	}
	return "read"
}

// reason names the cause in a few words.
func reason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, syscall.ETIMEDOUT):
		return "no answer in time"
	case errors.Is(err, syscall.EISDIR):
		return "is a folder"
	}
	return err.Error()
}
