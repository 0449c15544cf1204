// Package kblive is the live knowledge base: the staff-facing service that
// previews, confirms and records changes (imports, retirements, new cases)
// in Redis, and the replica side that keeps a search index built from
// Redis, rebuilt when a change is announced or, should the announcement be
// lost, when the periodic version check sees a newer version.
//
// Every method that refuses something returns an *Error whose Msg is the
// Chinese sentence to show the staff member and whose Error() is the
// English cause for operators' logs; Message maps any error to the former.
package kblive

import (
	"errors"
	"fmt"
)

// Kind classifies a refusal.
type Kind int

const (
	Invalid     Kind = iota + 1 // bad input: the file, the case, the id
	NotFound                    // no such document, case or revision
	Conflict                    // changed by someone else since the preview
	Stale                       // the confirmation is used, expired or cancelled
	Forbidden                   // not the person who started the change
	Unavailable                 // Redis did not answer
)

// Error is a refusal with a message for the user and a cause for operators.
type Error struct {
	Kind Kind
	Msg  string // Chinese, for the staff member
	Err  error  // English, for the log
}

func (e *Error) Error() string { return "kblive: " + e.Err.Error() }

func (e *Error) Unwrap() error { return e.Err }

// UserMessage returns the message for the staff member.
func (e *Error) UserMessage() string { return e.Msg }

func fail(kind Kind, msg string, format string, a ...any) *Error {
	return &Error{Kind: kind, Msg: msg, Err: fmt.Errorf(format, a...)}
}

// unavailable wraps a storage error.
func unavailable(op string, err error) *Error {
	return &Error{Kind: Unavailable, Msg: "知识库暂时无法访问，请稍后再试。", Err: fmt.Errorf("%s: %w", op, err)}
}

// Message returns what to tell a staff member about err: the refusal's own
// message, an importer refusal's, or a general apology.
func Message(err error) string {
	var um interface{ UserMessage() string }
	if errors.As(err, &um) {
		return um.UserMessage()
	}
	return "知识库暂时无法访问，请稍后再试。"
}

// KindOf returns the kind of a refusal, 0 for other errors.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return 0
}
